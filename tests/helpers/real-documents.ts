import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Third-party documents from Debian packages (.ci/run installs them): the Debian Reference and the
 * Debian Edu manual, in Chinese and English, as HTML chapters and PDFs.
 */
export const DEBIAN_REFERENCE = '/usr/share/debian-reference';
export const DEBIAN_EDU_EN = '/usr/share/doc/debian-edu-doc-en';
export const DEBIAN_EDU_ZH = '/usr/share/doc/debian-edu-doc-zh-cn';

export const REAL_FILES = {
  htmlZh: path.join(DEBIAN_REFERENCE, 'ch05.zh-cn.html'),
  htmlEn: path.join(DEBIAN_REFERENCE, 'ch05.en.html'),
  pdfZh: path.join(DEBIAN_REFERENCE, 'debian-reference.zh-cn.pdf'),
  pdfEn: path.join(DEBIAN_REFERENCE, 'debian-reference.en.pdf'),
  eduHtmlEn: path.join(DEBIAN_EDU_EN, 'debian-edu-bookworm-manual.html'),
  eduPdfEn: path.join(DEBIAN_EDU_EN, 'debian-edu-bookworm-manual.pdf'),
};

/**
 * Whether the Debian documents are installed. Outside CI a missing package skips its tests with a
 * notice; under CI=true a missing package is a failure (.ci/run installs them).
 */
export function realDocumentsPresent(files: string[]): boolean {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return true;
  if (process.env.CI) throw new Error(`CI needs the Debian documentation packages (.ci/run installs them); missing: ${missing.join(', ')}`);
  console.warn(`notice: skipping tests on real documents, not installed: ${missing.join(', ')} (apt-get install debian-reference-zh-cn debian-reference-en debian-edu-doc-en debian-edu-doc-zh-cn)`);
  return false;
}

export const pandocPresent = (): boolean => {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error('CI needs pandoc (.ci/run installs it)');
    console.warn('notice: skipping .docx tests, pandoc is not installed');
    return false;
  }
};

/** A real Word file made by pandoc from Markdown (headings, a table, a list). */
export async function makeDocx(markdown: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docx-'));
  try {
    await writeFile(path.join(dir, 'in.md'), markdown);
    execFileSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', path.join(dir, 'out.docx'), path.join(dir, 'in.md')]);
    return await readFile(path.join(dir, 'out.docx'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Text a quote may never contain: tags, entities, Markdown emphasis, links and table rules. (A line
 * starting with '#' is not in the list: shell comments in the manuals' code examples are real text.)
 */
export const MARKUP = /<\/?[a-z][^>]*>|\*\*|__|\]\(|\|\s*-{3,}|&(?:amp|lt|gt|quot|nbsp);/i;
