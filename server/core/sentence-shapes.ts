/** Shapes of manual text, written once: what announces what follows, and what is an item of it. */

// A sentence ending in a colon announces what follows (a command, a list, a quotation).
export const ANNOUNCES = /[:：]\s*$/;
// A list item, a shell line or a table row: it belongs to the sentence that announced it.
export const LIST_ITEM = /^\s*(?:[*•·-]\s|\d+\.\s|[$#]\s|\|)/;
// A shell command as manuals print it ("$ dmesg -n3", "# dpkg-reconfigure locales").
export const COMMAND_LINE = /^\s*[$#]\s+\S/;
// A rule or border of a text table ("+-----+-----+", "|----+----|"): it separates rows and says nothing.
export const TABLE_RULE = /^\s*[|+][-=+|:\s]*$/;
