/**
 * `npx tsx tests/tools/bank-extract.ts /work/bankNN`: for a blind writers' folder (tests/bank/writer/WRITER-*.md), writes
 * the text the product's reader extracts from each HTML/PDF/Word corpus file to extracted/<corpus>/<file>.txt — what
 * the writers copy evidence from and what tests/bank/check-sets.mjs checks it against.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../../ingest/formats/format-registry.js';

const bank = process.argv[2];
if (!bank) throw new Error('usage: tsx tests/tools/bank-extract.ts <bank folder with corpora/>');
for (const corpus of readdirSync(path.join(bank, 'corpora'))) {
  for (const file of readdirSync(path.join(bank, 'corpora', corpus))) {
    if (!/\.(html|pdf|docx)$/.test(file)) continue;
    const doc = await extractDocument(file, readFileSync(path.join(bank, 'corpora', corpus, file)));
    mkdirSync(path.join(bank, 'extracted', corpus), { recursive: true });
    writeFileSync(path.join(bank, 'extracted', corpus, `${file}.txt`), doc.text);
    console.log(corpus, file, doc.text.length);
  }
}
