import { drawableRows } from './structured-text.js';

/**
 * The rows and cells of one HTML (or Word, through mammoth's HTML) table as it is read, to draw it as a text table when it
 * has a header row (StructuredTextBuilder.drawnTable): the answerer then reads each row with its column headers, as it
 * reads a plain-text manual's tables. A tab between cells said neither which row is the header nor where a cell was
 * empty (the builder merges breaks), so rows of such tables were answered, if at all, without their column names.
 * The header row is a first row whose cells are all <th>, or one inside <thead>; a table without one stays as it was
 * read (cells between tabs), and so does one drawableRows turns down.
 */
export class HeaderTable {
  private readonly rows: Array<{ head: boolean; allTh: boolean; cells: string[] }> = [];
  private headDepth = 0;
  private inCaption = false;
  /** The table's <caption>, written above the drawn table. */
  caption = '';
  /** Tables nested inside this one's cells: their text runs on in the outer cell. */
  private nested = 0;
  /** Something that is not a cell's plain text was inside (a heading, code, a rollback): not drawn. */
  private spoiled = false;

  open(name: string, attrs: Record<string, string> = {}): void {
    // A merged cell shifts the columns of its row or of the rows under it: no one header labels them.
    if ((name === 'td' || name === 'th') && (Number(attrs.colspan ?? 1) > 1 || Number(attrs.rowspan ?? 1) > 1)) this.spoil();
    if (name === 'table') this.nested++;
    else if (this.nested > 0) {
      if (name === 'td' || name === 'th' || name === 'tr') this.text(' ');
    } else if (name === 'thead') this.headDepth++;
    else if (name === 'caption') this.inCaption = true;
    else if (name === 'tr') this.rows.push({ head: this.headDepth > 0, allTh: true, cells: [] });
    else if (name === 'td' || name === 'th') {
      const row = this.rows.at(-1);
      if (!row) return this.spoil();
      row.cells.push('');
      if (name === 'td') row.allTh = false;
    }
  }

  /** Whether the element closed is this table itself (not one nested in a cell). */
  close(name: string): boolean {
    if (name === 'table') {
      if (this.nested === 0) return true;
      this.nested--;
    } else if ((name === 'td' || name === 'th') && this.nested === 0) this.text(' ');
    else if (name === 'thead' && this.nested === 0) this.headDepth = Math.max(0, this.headDepth - 1);
    else if (name === 'caption' && this.nested === 0) this.inCaption = false;
    return false;
  }

  /** Text read inside the table: the current cell's, or the last cell's when it stands between cells (after a space). */
  text(data: string): void {
    if (this.inCaption) {
      this.caption += data;
      return;
    }
    const row = this.rows.at(-1);
    if (!row || row.cells.length === 0) {
      if (/\S/.test(data)) this.spoil();
      return;
    }
    row.cells[row.cells.length - 1] += data;
  }

  spoil(): void {
    this.spoiled = true;
  }

  /** The rows to draw, the header first, each padded to the header's width (drawableRows); undefined when the table has no header row. */
  drawnRows(): string[][] | undefined {
    const rows = this.rows.filter((r) => r.cells.length > 0);
    const [first] = rows;
    if (this.spoiled || rows.length < 2 || !(first.head || first.allTh)) return undefined;
    // A second header row (a grouped header): the columns do not line up with one header.
    if (rows.slice(1).some((r) => r.head)) return undefined;
    return drawableRows(rows.map((r) => r.cells));
  }
}
