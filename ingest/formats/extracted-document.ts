/**
 * What every format extractor returns: plain text (what the index stores and every citation offset
 * points into) plus its structure, as [start, end) ranges of that same text.
 */
export type DocumentFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx';

export interface HeadingRange {
  start: number;
  end: number;
  /** Outermost heading first, e.g. ["5. Network setup", "5.1 The basic network infrastructure"]. */
  path: string[];
  /** The innermost heading is a definition list's term (an HTML <dt>), not a section's title. */
  term?: true;
}

/** A [start, end) range of the extracted text. */
export interface TextRange {
  start: number;
  end: number;
}

export interface PageRange {
  /** 1-based page number as printed by a PDF viewer (the page's index, not its label). */
  page: number;
  start: number;
  end: number;
}

export interface ExtractedDocument {
  format: DocumentFormat;
  text: string;
  /** From the document itself (HTML <title>/<h1>, PDF metadata, first heading); undefined = take the first line. */
  title?: string;
  headings: HeadingRange[];
  /**
   * Code as the document marks it (an HTML <pre>, a Markdown code block or fence), kept line by line: a line of it
   * is a command or code even when nothing indents it or prompts it, as a how-to answer quotes it.
   */
  codeBlocks?: TextRange[];
  /** PDF only: which text range each page holds. */
  pages?: PageRange[];
  /** Text encoding the bytes were decoded from (text formats), e.g. "UTF-8", "GB18030". */
  encoding?: string;
}
