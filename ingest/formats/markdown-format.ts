import MarkdownIt from 'markdown-it';
import { decodeText } from './decode-text.js';
import type { ExtractedDocument } from './extracted-document.js';
import { extractHtml } from './html-format.js';
import { drawableRows, StructuredTextBuilder } from './structured-text.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
/** YAML front matter (Jekyll, Hugo, Obsidian): metadata, not text; its title is the document's title. */
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Raw HTML in Markdown, read by the HTML reader and written out with its structure: its blocks stay blocks, its line
 * breaks and table cells stay, its <pre> stays code (one paragraph of everything before: paragraphs ran together and a
 * <pre> lost its lines).
 */
function htmlBlock(out: StructuredTextBuilder, content: string): void {
  const html = extractHtml(content);
  const prose = (text: string) => {
    for (const block of text.split(/\n{2,}/)) {
      out.endBlock();
      block.split('\n').forEach((line, i) => {
        if (i > 0) out.lineBreak();
        line.split('\t').forEach((cell, j) => {
          if (j > 0) out.cell();
          out.text(cell);
        });
      });
    }
  };
  let at = 0;
  for (const code of html.codeBlocks ?? []) {
    prose(html.text.slice(at, code.start));
    out.endBlock();
    out.preformatted(html.text.slice(code.start, code.end));
    at = code.end;
  }
  prose(html.text.slice(at));
  out.endBlock();
}

function inline(out: StructuredTextBuilder, children: Token[] | null): void {
  for (const t of children ?? []) {
    if (t.type === 'text' || t.type === 'code_inline') out.text(t.content);
    else if (t.type === 'softbreak') out.space('soft');
    else if (t.type === 'hardbreak') out.lineBreak();
    else if (t.type === 'image') inline(out, t.children);
    else if (t.type === 'html_inline' && /^<br\s*\/?>$/i.test(t.content)) out.lineBreak();
    // em, strong, links, other inline HTML: markup only, their text arrives as 'text' tokens.
  }
}

const plain = (children: Token[] | null): string =>
  (children ?? [])
    .map((t) =>
      t.type === 'text' || t.type === 'code_inline'
        ? t.content
        : t.type === 'image'
          ? plain(t.children)
          : t.type === 'softbreak' || t.type === 'hardbreak' || (t.type === 'html_inline' && /^<br\s*\/?>$/i.test(t.content))
            ? ' '
            : '',
    )
    .join('');

/**
 * A GFM table's rows (the header first, each padded to its width) from its tokens between table_open and table_close,
 * to be drawn with its header (StructuredTextBuilder.drawnTable); undefined for one drawableRows turns down.
 */
function tableRows(tokens: Token[]): string[][] | undefined {
  const rows: string[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'tr_open') rows.push([]);
    else if ((t.type === 'th_open' || t.type === 'td_open') && rows.length) rows[rows.length - 1].push(tokens[i + 1]?.type === 'inline' ? plain(tokens[i + 1].children) : '');
  }
  return drawableRows(rows);
}

/**
 * Markdown (markdown-it, CommonMark + GFM tables) → the text a reader sees: emphasis, links, heading
 * marks removed, headings kept as structure, a table drawn with its header row as a plain-text manual draws one,
 * code kept verbatim, embedded HTML reduced to its text.
 */
export function extractMarkdown(buf: Buffer): ExtractedDocument {
  const { text: source, encoding } = decodeText(buf);
  const front = FRONT_MATTER.exec(source);
  const frontTitle = front ? /^title:\s*["']?(.*?)["']?\s*$/m.exec(front[1])?.[1] : undefined;
  const body = front ? source.slice(front[0].length) : source;

  const out = new StructuredTextBuilder();
  const tokens = md.parse(body, {});
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open':
        out.heading(Number(t.tag.slice(1)), plain(tokens[i + 1]?.children ?? null));
        i += 2; // inline + heading_close
        break;
      case 'inline':
        inline(out, t.children);
        break;
      case 'table_open': {
        const end = tokens.findIndex((x, j) => j > i && x.type === 'table_close');
        const rows = end > i ? tableRows(tokens.slice(i + 1, end)) : undefined;
        if (rows) {
          out.drawnTable(rows);
          i = end;
        } else out.endBlock();
        break;
      }
      case 'th_open':
      case 'td_open':
        out.cell();
        break;
      case 'th_close':
      case 'td_close':
        break;
      case 'fence':
      case 'code_block':
        out.endBlock();
        out.preformatted(t.content);
        out.endBlock();
        break;
      case 'html_block':
        htmlBlock(out, t.content);
        break;
      default:
        if (t.block && t.nesting !== 0) out.endBlock(); // paragraphs, list items, table rows, quotes
        else if (t.type === 'hr') out.endBlock();
    }
  }
  const { text, headings, codeBlocks } = out.finish();
  return { format: 'md', text, title: frontTitle?.trim() || out.topHeading, headings, ...(codeBlocks.length ? { codeBlocks } : {}), encoding };
}
