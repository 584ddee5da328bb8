import { Parser } from 'htmlparser2';
import { decodeText } from './decode-text.js';
import type { ExtractedDocument } from './extracted-document.js';
import { HeaderTable } from './header-table.js';
import { NavigationCandidates } from './link-density.js';
import { StructuredTextBuilder, type TextCheckpoint } from './structured-text.js';

/** Elements whose content is never visible text. */
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'iframe', 'object', 'canvas', 'select', 'button']);
/** Site chrome: navigation, not document text, whatever they hold. */
const NAVIGATION_TAGS = new Set(['nav', 'header', 'footer']);
/**
 * Look like navigation but are often content (DocBook's <div class="sidebar"> boxes, <aside> callouts):
 * read, then kept or taken back on what they hold (link-density.ts).
 */
const MAYBE_NAVIGATION_TAGS = new Set(['aside']);
/**
 * The page and its main content are never navigation, whatever their class: <html class="sidebar-visible">
 * (mdBook) or <body class="has-sidebar"> (many site themes) says the page has a sidebar, not that it is
 * one (Readability likewise never removes body and keeps "main", "article" as candidates).
 */
const NEVER_NAVIGATION = new Set(['html', 'body', 'main', 'article']);
/**
 * The words that name navigation-looking blocks: nav and its usual compounds (navbar, navigation, docnav, subnav,
 * sidenav, topnav), banner, breadcrumbs, menu, sidebar, toc. Only a candidate: kept when it holds prose (link-density.ts).
 */
const NAVIGATION_WORDS = String.raw`(?:doc|sub|side|top)?nav(?:bar|igation)?|banner|breadcrumbs?|menu|sidebar|toc`;
/** A class names navigation with one of those words among its own, or a navigation header or footer, or a skip link. */
const NAVIGATION_CLASS = new RegExp(String.raw`(^|[\s_-])(${NAVIGATION_WORDS}|(?:doc|sub|side|top)?nav(?:header|footer)|skip-?link)($|[\s_-])`, 'i');
/**
 * An id names navigation only as a whole word on a container (<div id="banner">, <ul id="toc">): headings and terms
 * carry slug ids of their own text (<h2 id="the-menu">, <dt id="opt-nav">), which say nothing about what they are.
 */
const NAVIGATION_ID = new RegExp(`^(?:${NAVIGATION_WORDS})$`, 'i');
const ID_CONTAINERS = new Set(['div', 'ul', 'ol', 'section', 'aside', 'table']);
/** Elements that start and end a block of text. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'dt', 'dd', 'dl', 'ul', 'ol', 'blockquote', 'figure', 'figcaption',
  'caption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'address', 'form', 'fieldset', 'legend', 'details', 'summary', 'hr',
]);
const HEADING = /^h([1-6])$/;
/**
 * A definition list's term heads its description as a section heading heads its section: a Sphinx signature
 * ("gc__done(long collected)"), a man page's option, a glossary word, a DocBook variablelist entry. The <dd> says only
 * "Fires when…", "arg0 is…"; the term says what it is about. Terms sit below the page's h1–h6, one level deeper per
 * nested list; terms written one after another ("-a", "--all") name one description and read as one heading.
 */
const TERM_LEVEL = 6;
// Longer than this, a <dt> is a paragraph laid out as a term, not a name for what follows.
const MAX_TERM = 160;
// A superscript that is an exponent or a note number: digits (with a sign), or a single letter ("x<sup>n</sup>").
const EXPONENT = /^\s*(?:[+\-\u2212]?\d|\p{L}\s*$)/u;
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr', 'param']);

/**
 * HTML → visible text (htmlparser2's streaming parser, entities decoded): scripts, styles and site
 * navigation dropped (nav, header, footer, role=navigation whatever they hold; a sidebar-, menu- or
 * toc-looking element or an <aside> only when it turns out mostly links or hardly any text: it is read,
 * then taken back); headings kept as structure; list items, table rows and paragraphs as their own
 * blocks; a table with a header row drawn as a text table (header-table.ts), other tables' cells separated by a tab;
 * <pre> kept line by line. <title> (else the first <h1>) is the title.
 */
// A heading's permalink (Sphinx's and MkDocs' "¶", "#", "§" anchors): a link into the page marked as one.
const PERMALINK = /\b(?:headerlink|permalink|anchor-?link|heading-?anchor)\b/i;

/** An in-page link that only marks its heading's address ("Sorting Basics¶"): not text of the document. */
function isPermalink(name: string, attrs: Record<string, string>): boolean {
  return name === 'a' && (attrs.href ?? '').startsWith('#') && (PERMALINK.test(attrs.class ?? '') || /permalink/i.test(attrs.title ?? ''));
}

/**
 * A link back from a heading to the page's contents (Sphinx: <h2><a class="toc-backref" role="doc-backlink">How do I…?</a>):
 * its text is the heading itself, not a table of contents, though its class says "toc".
 */
function isBacklink(name: string, attrs: Record<string, string>): boolean {
  return name === 'a' && (attrs.role === 'doc-backlink' || /(^|\s)toc-backref($|\s)/i.test(attrs.class ?? ''));
}

/**
 * A navigation candidate by its tag, class or id — then judged by what it holds (link-density.ts): an <aside>, or an
 * element whose class or container id names navigation; never the page or its main content, never a heading's back-link.
 */
function looksLikeNavigation(name: string, attrs: Record<string, string>): boolean {
  if (isBacklink(name, attrs)) return false;
  if (MAYBE_NAVIGATION_TAGS.has(name)) return true;
  if (NEVER_NAVIGATION.has(name)) return false;
  return NAVIGATION_CLASS.test(attrs.class ?? '') || (ID_CONTAINERS.has(name) && NAVIGATION_ID.test(attrs.id ?? ''));
}

export function extractHtml(buf: Buffer | string, format: 'html' | 'docx' = 'html'): ExtractedDocument {
  const decoded = typeof buf === 'string' ? { text: buf, encoding: 'UTF-8' } : decodeText(buf);
  const out = new StructuredTextBuilder();
  /** Depth inside an element we drop (invisible or navigation); text is ignored while > 0. */
  let hidden = 0;
  let pre = 0;
  /** Inside a table cell, paragraphs (Word puts one in every cell) are runs of the cell, not blocks. */
  let cell = 0;
  // Text of a <pre> and of a heading in pieces: a rollback truncates the list (slicing one growing string on every
  // rollback was quadratic: a 1 MB <pre> of small menu spans took 20 s).
  const prePieces: string[] = [];
  let title = '';
  let inTitle = false;
  let heading: { level: number; pieces: string[]; term?: boolean } | undefined;
  /** Definition lists open (outside table cells), and the terms read but not yet written (see TERM_LEVEL). */
  let openDefinitionLists = 0;
  let terms: { level: number; texts: string[] } | undefined;
  const flushTerms = () => {
    if (!terms) return;
    out.heading(terms.level, terms.texts.join(', '));
    terms = undefined;
  };
  /** Reader state to go back to when a navigation-looking element turns out to be navigation. */
  interface Checkpoint {
    text: TextCheckpoint;
    heading: typeof heading;
    headingText: number;
    preText: number;
    pre: number;
    cell: number;
    openDefinitionLists: number;
    terms: typeof terms;
  }
  const candidates = new NavigationCandidates<Checkpoint>();
  /**
   * Elements open and read (not dropped), innermost last: is it a candidate, a link, a definition list counted in
   * openDefinitionLists, a term read as a heading — decided when it opened (a table in a cell resets `cell`).
   */
  const open: Array<{ candidate: boolean; link: boolean; list: boolean; term: boolean }> = [];
  let linkDepth = 0;
  let supPending = false;
  let supHeld = '';
  // A list item reads with a bullet before its first text ("• Budgeting"), as a Markdown or plain-text list is written:
  // the answerer quotes a list whole after the sentence that announces it (sentence-shapes.ts LIST_ITEM), and without
  // the mark an HTML list was only its first item.
  let bulletPending = false;
  // The table being read (not one nested in a cell), to be drawn with its header at its end, and the text as it was
  // before it (taken back then).
  let table: { rows: HeaderTable; before: TextCheckpoint } | undefined;
  const emitText = (data: string) => {
    candidates.count(data, linkDepth > 0);
    if (table && (heading || pre > 0)) table.rows.spoil();
    if (heading) heading.pieces.push(data);
    else if (pre > 0) prePieces.push(data);
    else {
      table?.rows.text(data);
      if (bulletPending && /\S/.test(data)) {
        bulletPending = false;
        out.text('• ');
      }
      out.text(data);
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        candidates.breakWord();
        // Whatever follows a term other than another term (its <dd>, mostly) is under it.
        if (name !== 'dt' && !heading?.term && hidden === 0) flushTerms();
        if (VOID.has(name)) {
          if (hidden > 0 || heading) return;
          // Inside a <pre>, a line break and an image's text are part of the code, in its order (written with it at the end).
          if (name === 'br') {
            if (pre > 0) prePieces.push('\n');
            else out.lineBreak();
            table?.rows.text(' ');
          } else if (name === 'hr') {
            out.endBlock();
            table?.rows.text(' ');
          }
          else if (name === 'img' && attrs.alt?.trim()) {
            if (pre > 0) prePieces.push(attrs.alt);
            else out.text(` ${attrs.alt} `);
            table?.rows.text(` ${attrs.alt} `);
            candidates.count(attrs.alt, linkDepth > 0);
          }
          return;
        }
        if (name === 'title') inTitle = true;
        if (
          hidden > 0 ||
          INVISIBLE.has(name) ||
          NAVIGATION_TAGS.has(name) ||
          attrs.role === 'navigation' ||
          attrs.hidden !== undefined ||
          attrs['aria-hidden'] === 'true' ||
          isPermalink(name, attrs)
        ) {
          hidden++;
          return;
        }
        const candidate = looksLikeNavigation(name, attrs);
        if (candidate) {
          candidates.enter({
            text: out.checkpoint(),
            heading,
            headingText: heading?.pieces.length ?? 0,
            preText: prePieces.length,
            pre,
            cell,
            openDefinitionLists,
            terms: terms && { level: terms.level, texts: [...terms.texts] },
          });
        }
        const link = name === 'a' && attrs.href !== undefined;
        const list = name === 'dl' && cell === 0;
        const term = name === 'dt' && cell === 0 && !heading;
        open.push({ candidate, link, list, term });
        if (list) openDefinitionLists++;
        if (link) linkDepth++;
        table?.rows.open(name, attrs);
        // A block inside a cell (Word's paragraph in every cell) runs on in the cell after a space.
        if (table && BLOCK.has(name)) table.rows.text(' ');
        const h = HEADING.exec(name);
        if (h) heading = { level: Number(h[1]), pieces: [] };
        else if (term) heading = { level: TERM_LEVEL + Math.max(1, openDefinitionLists), pieces: [], term: true };
        // A superscript's first text decides how it reads (ontext).
        else if (name === 'sup') supPending = true;
        else if (name === 'pre') {
          if (pre === 0) out.endBlock();
          pre++;
        } else if (name === 'td' || name === 'th') {
          out.cell();
          cell++;
        } else if (name === 'table') {
          out.endBlock();
          // (Not a table right after a drawn one, which would read as its continuation, nor one opening a list item, whose
          // bullet its first cell writes.)
          if (!table && cell === 0 && pre === 0 && !heading && !bulletPending && !out.afterDrawnTable) table = { rows: new HeaderTable(), before: out.checkpoint() };
          cell = 0; // a table nested in a cell starts its own rows
        } else if (BLOCK.has(name)) {
          if (cell > 0) out.space();
          else out.endBlock();
          if (name === 'li' && cell === 0) bulletPending = true;
        }
      },
      ontext(data) {
        if (inTitle) {
          title += data;
          return;
        }
        if (hidden > 0) return;
        if (!heading && /\S/.test(data)) flushTerms();
        if (supPending && pre === 0) {
          // A superscript's opening sign or space arrives as its own piece (&minus;, &nbsp;): held until what follows it.
          if (/^[\s+\-\u2212]*$/.test(data)) {
            supHeld += data;
            return;
          }
          supPending = false;
          data = supHeld + data;
          supHeld = '';
          // An exponent or a note number reads with "^" ("2<sup>64</sup>" is 2^64, not the number 264; "x<sup>n</sup>",
          // 10<sup>&minus;3</sup>); an ordinal (1<sup>st</sup>), a mark (™, ®) or a bracketed note reads as printed.
          if (EXPONENT.test(data)) data = '^' + data.trimStart();
        }
        emitText(data);
      },
      onclosetag(name) {
        candidates.breakWord();
        if (VOID.has(name)) return;
        if (name === 'sup') {
          // (Only a sign or space inside: as printed.)
          if (supHeld) emitText(supHeld);
          supPending = false;
          supHeld = '';
        }
        if (name === 'title') inTitle = false;
        if (name === 'li') bulletPending = false; // an item with no text of its own
        if (hidden > 0) {
          hidden--;
          return;
        }
        const element = open.pop();
        if (element?.link) linkDepth--;
        if (table?.rows.close(name)) {
          const rows = table.rows.drawnRows();
          if (rows) {
            out.rollback(table.before);
            const caption = table.rows.caption.trim();
            if (caption) {
              out.text(caption);
              out.endBlock();
            }
            out.drawnTable(rows);
          }
          table = undefined;
        } else if (table && BLOCK.has(name)) table.rows.text(' '); // a block inside a cell ends: what follows runs on after a space
        if (HEADING.test(name) && heading && !heading.term) {
          out.heading(heading.level, heading.pieces.join(''));
          heading = undefined;
        } else if (element?.term && heading?.term) {
          const text = heading.pieces.join('').replace(/\s+/g, ' ').trim();
          const { level } = heading;
          heading = undefined;
          if (text.length > MAX_TERM) {
            flushTerms();
            out.endBlock();
            out.text(text);
            out.endBlock();
          } else if (text) {
            if (terms && terms.level !== level) flushTerms();
            (terms ??= { level, texts: [] }).texts.push(text);
          }
        } else if (element?.list) {
          flushTerms();
          out.leaveHeadings(TERM_LEVEL + openDefinitionLists);
          openDefinitionLists--;
          out.endBlock();
        } else if (name === 'pre') {
          pre = Math.max(0, pre - 1);
          if (pre === 0) {
            out.preformatted(prePieces.join(''));
            prePieces.length = 0;
          }
          out.endBlock();
        } else if (name === 'td' || name === 'th') cell = Math.max(0, cell - 1);
        else if (BLOCK.has(name)) (cell > 0 && name !== 'tr' && name !== 'table' ? out.space() : out.endBlock());
        if (element?.candidate) {
          const { checkpoint: cp, navigation } = candidates.leave();
          if (navigation) {
            // (Taken back from the text, but already read into the table's cells.)
            table?.rows.spoil();
            out.rollback(cp.text);
            heading = cp.heading;
            if (heading) heading.pieces.length = cp.headingText;
            prePieces.length = cp.preText;
            pre = cp.pre;
            cell = cp.cell;
            openDefinitionLists = cp.openDefinitionLists;
            terms = cp.terms;
            // The rollback took back the box's closing boundary too: the text around it must not run together.
            if (BLOCK.has(name)) (cell > 0 ? out.space() : out.endBlock());
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(decoded.text);
  parser.end();
  flushTerms();
  const { text, headings, codeBlocks } = out.finish();
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  return { format, text, title: cleanTitle || out.topHeading, headings, ...(codeBlocks.length ? { codeBlocks } : {}), encoding: decoded.encoding };
}
