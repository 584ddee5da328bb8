/**
 * Converting between Slack's message markup and plain text.
 *
 * Slack sends user text with `&`, `<`, `>` escaped and with mentions, channels and links wrapped in
 * `<...>`; it renders outgoing mrkdwn the same way. The answer service wants plain text, and anything
 * we echo back (corpus quotes, the user's question) must be escaped so a quote like "<!channel>" or
 * "a < b" cannot turn into a ping or a broken message.
 */

/** Escape the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decodeEntities(text: string): string {
  // &amp; last, so "&amp;lt;" (a literal "&lt;" typed by the user) decodes to "&lt;", not "<".
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Slack message text → the plain question a person meant.
 * Leading mentions of the bot are dropped ("@bot how many…" → "how many…"); other markup becomes readable text.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  let s = text;
  // Any mention at the very start is the addressing ("@bot question"), never part of the question.
  s = s.replace(/^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/i, '');
  if (botUserId) s = s.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), '');
  s = s.replace(/<([^<>]+)>/g, (_m, inner: string) => {
    const [target, label] = splitOnce(inner, '|');
    if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) {
      if (label) return label;
      const special = target.slice(1).split('^')[0];
      return `@${special}`;
    }
    // Links: keep the visible label, or the URL itself.
    if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
    return label && label !== target ? `${label} (${target})` : target;
  });
  return decodeEntities(s).replace(/[ \t]+/g, ' ').trim();
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Length of `text` once escaped, without building the string. */
function escapedLength(ch: string): number {
  return ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : ch.length;
}

/**
 * Escape `plain` and fit it into `max` characters (Slack counts the escaped text), cutting on a code-point
 * boundary and marking the cut with "…". Cutting after escaping could split an entity like "&amp;".
 */
export function escapeAndFit(plain: string, max: number): string {
  const escaped = escapeMrkdwn(plain);
  if (escaped.length <= max) return escaped;
  let used = 0;
  let out = '';
  for (const ch of plain) {
    const n = escapedLength(ch);
    if (used + n > max - 1) break;
    out += ch;
    used += n;
  }
  return `${escapeMrkdwn(out)}…`;
}

/**
 * Split plain text into escaped chunks of at most `max` characters, preferring paragraph and sentence
 * boundaries (Chinese and Latin punctuation) so a long answer reads naturally across several sections.
 */
export function chunkEscaped(plain: string, max: number): string[] {
  const pieces = plain.match(/[^\n。！？!?.]*(?:[。！？!?.]+|\n+|$)/g)?.filter((p) => p.length > 0) ?? [];
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) chunks.push(current.trim());
    current = '';
  };
  for (const piece of pieces) {
    const escapedPiece = escapeMrkdwn(piece);
    if (current.length + escapedPiece.length <= max) {
      current += escapedPiece;
      continue;
    }
    flush();
    if (escapedPiece.length <= max) {
      current = escapedPiece;
      continue;
    }
    // One sentence longer than a section: hard-split it on code-point boundaries.
    let rest = piece;
    while (rest.length > 0) {
      let take = '';
      let used = 0;
      for (const ch of rest) {
        const n = escapedLength(ch);
        if (used + n > max) break;
        take += ch;
        used += n;
      }
      chunks.push(escapeMrkdwn(take));
      rest = rest.slice(take.length);
    }
  }
  flush();
  return chunks;
}
