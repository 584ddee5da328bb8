import type { AnalyzedQuery } from '../../core/types.js';
import type { TextTableRow } from '../../shared/text/text-tables.js';
import { BIGRAM_PREFIX, stemLatin } from '../../shared/text/tokenizer.js';
import { compactText } from '../../shared/text/compact-text.js';
import { hasHan } from '../../shared/text/char-classes.js';

/**
 * A row of a text table answers cell by cell: "openssl 这个软件包的大小是多少?" asks the 大小 column of the openssl row,
 * and the row's other numbers (its popularity, V:841 and I:995) answer other questions. The quote reads the row as
 * "header: cell" pairs, not as the pipes and padding of its lines (the citation still holds the lines themselves).
 */

/**
 * The column (past the first, which names the row) whose header the question's words name — the heaviest such word
 * decides; undefined when none does, or when two columns are named by words as heavy. The question's own words decide
 * when it has any besides the row's name ("它的优先级是什么?" after an answer that named the 协议 column asks no column);
 * only a question that names nothing else ("And bzip2?" after "What is the size of ncftp?") asks what the conversation's
 * words name. Never a bigram or an earlier turn's history.
 */
export function askedColumn(query: AnalyzedQuery, row: TextTableRow): number | undefined {
  const headers = row.header.map(compactText);
  const key = compactText(row.cells[0] ?? '');
  // Each word with the forms it may name a header by (itself and its translations, not the row's name), once.
  const words = query.terms
    .filter((t) => !t.term.startsWith(BIGRAM_PREFIX) && t.origin !== 'history')
    .map((t) => ({ t, forms: [t.term, ...(t.alternatives ?? [])].map(compactText).filter((f) => f && !key.includes(f)) }))
    .filter(({ forms }) => forms.length > 0);
  const own = words.filter(({ t }) => t.origin === 'question');
  const weights = headers.map(() => 0);
  for (const { t, forms } of own.length ? own : words) {
    headers.forEach((h, k) => {
      if (k > 0 && h && forms.some((f) => h.includes(f))) weights[k] = Math.max(weights[k], t.weight);
    });
  }
  // A cell the question already says ("ip neigh" in "ip neigh 管理的缓存条目…", "recountdiff (1)" in "recountdiff 这个命令是
  // 用来做什么的?") is what it asks about, not what it asks: its header ("新的 iproute2", "command") names no asked column.
  const said = new Set(query.terms.filter((t) => t.origin === 'question').map((t) => t.term.toLowerCase()));
  row.cells.forEach((cell, k) => {
    if (cellSaid(cell, said)) weights[k] = 0;
  });
  const top = Math.max(...weights);
  if (top <= 0 || weights.filter((w) => w === top).length > 1) return undefined;
  return weights.indexOf(top);
}

// The words of a code-like cell ("ip neigh", "recountdiff (1)"): Latin names; a man section's number is no word.
const CELL_WORD = /[a-z][\w.+-]*/g;

/** The cell holds names only (no Chinese), and the question says each of them. */
function cellSaid(cell: string, said: ReadonlySet<string>): boolean {
  if (hasHan(cell)) return false;
  const words = cell.toLowerCase().match(CELL_WORD) ?? [];
  // (The question's terms are stemmed: "ip route" is said by the terms ip and rout.)
  return words.length > 0 && words.every((w) => said.has(w) || said.has(stemLatin(w)));
}

/** The row as a reader reads it: "软件包: openssl; 大小: 2269; 说明: 安全套接字层 (SSL)二进制和相关的加密工具". */
export function rowAsRead(row: TextTableRow): string {
  return row.cells
    .map((cell, k) => (cell ? (row.header[k] ? `${row.header[k]}: ${cell}` : cell) : ''))
    .filter(Boolean)
    .join('; ');
}

// A letter or a Han character: a cell that says something, not only a number.
const WORDS = /\p{L}/u;

/**
 * The row as an item of a list: its name and, in brackets, its last column with words in it (a description, not a size or
 * a count): "bison (GNU LALR parser generator)", "bison（GNU LALR 解析器生成器）".
 */
export function rowAsItem(row: TextTableRow): string {
  const [name] = row.cells;
  const described = row.cells.slice(1).reverse().find((cell) => WORDS.test(cell) && cell !== name);
  if (!described) return name;
  return hasHan(described) ? `${name}（${described}）` : `${name} (${described})`;
}
