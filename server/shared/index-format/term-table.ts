/**
 * Token ids per sentence, stored flat: sentence i has ids[offsets[i] .. offsets[i+1]).
 * Written at ingest so the server never tokenizes the corpus at start-up (100k chunks would take seconds).
 */
export interface TermTable {
  offsets: Uint32Array;
  ids: Uint32Array;
}

export class TermTableBuilder {
  private readonly vocabIndex = new Map<string, number>();
  readonly vocab: string[] = [];
  private readonly offsets: number[] = [0];
  private ids: number[] = [];

  add(tokens: readonly string[]): void {
    for (const token of tokens) {
      let id = this.vocabIndex.get(token);
      if (id === undefined) {
        id = this.vocab.length;
        this.vocab.push(token);
        this.vocabIndex.set(token, id);
      }
      this.ids.push(id);
    }
    this.offsets.push(this.ids.length);
  }

  build(): TermTable {
    return { offsets: Uint32Array.from(this.offsets), ids: Uint32Array.from(this.ids) };
  }
}

export function termsOf(table: TermTable, sentence: number): Uint32Array {
  return termsOfSentences(table, sentence, 1);
}

/** The term ids of `count` consecutive sentences from `first` (a chunk's), one view: they are stored contiguously. */
export function termsOfSentences(table: TermTable, first: number, count: number): Uint32Array {
  return table.ids.subarray(table.offsets[first], table.offsets[first + count]);
}

export function encodeTermTable(table: TermTable): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(table.offsets.length, 0);
  header.writeUInt32LE(table.ids.length, 4);
  return Buffer.concat([header, Buffer.from(table.offsets.buffer, table.offsets.byteOffset, table.offsets.byteLength), Buffer.from(table.ids.buffer, table.ids.byteOffset, table.ids.byteLength)]);
}

export function decodeTermTable(buf: Buffer): TermTable {
  if (buf.length < 8) throw new Error('term table is truncated');
  const offsetsLength = buf.readUInt32LE(0);
  const idsLength = buf.readUInt32LE(4);
  if (buf.length !== 8 + 4 * (offsetsLength + idsLength)) throw new Error('term table size does not match its header');
  // Copy into aligned memory: the Buffer's byteOffset need not be a multiple of 4.
  const body = new Uint8Array(buf.subarray(8));
  const all = new Uint32Array(body.buffer, body.byteOffset, offsetsLength + idsLength);
  return { offsets: all.subarray(0, offsetsLength), ids: all.subarray(offsetsLength) };
}
