import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../ingest/formats/format-registry.js';
import { extractHtml } from '../../ingest/formats/html-format.js';
import { MARKUP, REAL_FILES, makeDocx, pandocPresent, realDocumentsPresent } from '../helpers/real-documents.js';
import { extractionFailure } from '../helpers/extraction-failure.js';

/**
 * The format extractors over real third-party files: the Debian Reference as PDFs (English and Chinese,
 * 200+ pages each through pdf.js), one of its HTML chapters, and a Word file made by pandoc. These parse
 * megabytes with the heavy parsers and spawn pandoc, so they sit in the integration tier; the extractors'
 * behaviour on small inputs written in the test is tests/unit/format-extractors.test.ts.
 */

describe('HTML', () => {
  it('reads a real Debian Reference chapter (Chinese) without markup, headings nested', async () => {
    if (!realDocumentsPresent([REAL_FILES.htmlZh])) return;
    const doc = extractHtml(await readFile(REAL_FILES.htmlZh));
    expect(doc.title).toMatch(/网络设置/);
    expect(doc.text).not.toMatch(MARKUP);
    expect(doc.text).toContain('"/etc/nsswitch.conf" 文件里的 "hosts: files dns" 这段规定主机名解析顺序。');
    expect(doc.headings.some((h) => h.path.length === 3 && h.path[2].includes('主机名解析'))).toBe(true);
  });
});

describe('Word (.docx)', () => {
  it('reads a file made by pandoc: headings, paragraphs, tables, no markup', async () => {
    if (!pandocPresent()) return;
    const docx = await makeDocx('# Annual report\n\nThe company hired **42** engineers in 2024.\n\n## Offices\n\n| City | Staff |\n|---|---|\n| Oslo | 12 |\n\n深圳办公室有 30 名员工。\n');
    const doc = await extractDocument('report.docx', docx);
    expect(doc.format).toBe('docx');
    expect(doc.title).toBe('Annual report');
    expect(doc.text).not.toMatch(MARKUP);
    expect(doc.text).toContain('The company hired 42 engineers in 2024.');
    // Word's header row (pandoc marks it "repeat as header row") makes a drawn table, each row read with it.
    expect(doc.text).toContain('|City |Staff |\n+---+---+\n|Oslo |12 |');
    expect(doc.headings.map((h) => h.path.join(' > '))).toContain('Annual report > Offices');
  });
});

describe('PDF', () => {
  it('names a corrupt PDF as corrupt', async () => {
    expect(await extractionFailure('broken.pdf', Buffer.from('%PDF-1.4\n1 0 obj garbage\n%%EOF'))).toMatchObject({ failure: 'corrupt' });
    const truncated = (await readFile(REAL_FILES.pdfEn).catch(() => undefined))?.subarray(0, 4000);
    if (truncated) expect((await extractionFailure('cut.pdf', truncated)).failure).toMatch(/corrupt|empty/);
  });

  it('reads the Debian Reference PDF page by page: page ranges, running headers dropped, outline as headings', async () => {
    if (!realDocumentsPresent([REAL_FILES.pdfEn])) return;
    const doc = await extractDocument('debian-reference.en.pdf', await readFile(REAL_FILES.pdfEn));
    expect(doc.format).toBe('pdf');
    expect(doc.title).toBe('Debian Reference');
    const pages = doc.pages!;
    expect(pages.length).toBeGreaterThan(200);
    pages.forEach((p, i) => {
      expect(p.page).toBe(i + 1);
      if (i > 0) expect(p.start).toBeGreaterThanOrEqual(pages[i - 1].end);
    });
    // The running header ("Debian Reference 123") never reaches the text.
    expect(doc.text.match(/^Debian Reference \d+$/gm) ?? []).toHaveLength(0);
    const sentence = 'The IP address 127.0.1.1 in the second line of this example may not be found on some other Unix-like systems.';
    const at = doc.text.indexOf(sentence);
    expect(at).toBeGreaterThan(0);
    const page = pages.find((p) => p.start <= at && at < p.end)!;
    expect(page.page).toBeGreaterThan(100);
    expect(doc.headings.find((h) => h.start <= at && at < h.end)?.path).toEqual(['Network setup', 'The basic network infrastructure', 'The hostname resolution']);
    expect(doc.text).not.toMatch(/[\ufb00-\ufb06]/); // ligatures repaired
    // TeX hyphenated words across lines (rejoined); the words' own hyphens stay.
    expect(doc.text).not.toContain('dmcrypt');
    expect(doc.text.match(/\bconfiguration\b/g)?.length).toBeGreaterThan(150);
  });

  it('reads a page a browser printed (browser-printed-page.html, Chromium "Save as PDF"): a mid-line font change is not a line end, an option\'s dash stays on its letter', async () => {
    // Printed with `chromium --headless --no-pdf-header-footer --print-to-pdf=browser-printed-page.pdf browser-printed-page.html`.
    const doc = await extractDocument('printed.pdf', await readFile(new URL('../fixtures/documents/browser-printed-page.pdf', import.meta.url)));
    expect(doc.text).toContain('The chage command (-l 用户 选项列出现在的设置) shows the password ageing of one user.');
    expect(doc.text).toContain('/etc/NetworkManager/system-connections/');
    expect(doc.text).toContain('SHA-512');
  });

  it('reads the separately placed words of a printed page\'s navigation bar apart', async () => {
    const doc = await extractDocument('printed.pdf', await readFile(new URL('../fixtures/documents/browser-printed-page.pdf', import.meta.url)));
    // "Prev" is placed left of the title, "Next" right of it, with no space character between the three elements. (The
    // bar is painted last, so it is read after the page's text: moving lines placed above the first one to the top was
    // tried and reverted — it scrambled two-column pages whose first-drawn line is a footer.)
    expect(doc.text).toContain('Printed Handbook Prev Next');
    expect(doc.text).not.toMatch(/HandbookPrev|PrevNext/);
  });

  it('reads the Chinese PDF with its CJK character maps', async () => {
    if (!realDocumentsPresent([REAL_FILES.pdfZh])) return;
    const doc = await extractDocument('debian-reference.zh-cn.pdf', await readFile(REAL_FILES.pdfZh));
    expect(doc.title).toBe('Debian 参考手册');
    expect(doc.text).toContain('主机名解析');
    expect(doc.text).not.toContain('\ufffd');
    // A printed bulleted list: one item per paragraph.
    expect(doc.text).toMatch(/^• 大量预编译的高质量软件包$/m);
    // A table's cells are drawn apart with no space character: the gap separates them, but not beside full-width punctuation.
    expect(doc.text).toContain('ssh-askpass-gnome(1) 请求用户输入 ssh-add 密码');
    expect(doc.text).toContain('“site:debian.org”，“site:wiki.debian.org”');
  });
});
