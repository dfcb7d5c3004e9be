/**
 * The Markdown every text is made of. Anything people wrote goes through inert(); the only
 * live mentions are of people who posted in the thread themselves (see `mentionable`), and
 * the only links are the forum's and the service's own addresses.
 */

/** Marks the service's status post so that it can be found again before writing a new one. */
export const STATUS_MARKER = '<!-- meetup-companion:status -->';

/** Hidden markers let the service find what it wrote before writing it again. */
export function marker(key: string): string {
  return `<!-- meetup-companion:${key.replace(/[^a-z0-9:_-]/gi, '')} -->`;
}

// Values people wrote are shown, never rendered: bounded, on one line, and inside a code span.
const MAX_SHOWN = 120;

/**
 * Text written by forum users, made inert: inside a code span Discourse renders no
 * mention, link, image, emoji or HTML, so "@here" or "<img>" stays text. Backticks are
 * replaced so the span cannot be closed early.
 */
export function inert(text: string): string {
  let flat = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/`/g, "'")
    .trim();
  if (flat.length > MAX_SHOWN) flat = `${flat.slice(0, MAX_SHOWN - 1)}…`;
  return flat === '' ? '' : `\`${flat}\``;
}

/** Forum usernames are letters, digits, _ . -; anything else is not a username and gets no mention. */
export function mentionable(username: string): string | null {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_.-]{0,59}$/u.test(username) ? `@${username}` : null;
}

/** A place name reduced to what a category name, a title or a link text may hold. */
export function plainText(text: string, max: number): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} '().-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}

/** Items joined as the language lists them: "a, b and c", "a, b und c". */
export function listOf(items: readonly string[], locale: string, type: 'conjunction' | 'unit' = 'conjunction'): string {
  return new Intl.ListFormat(locale, { style: 'long', type }).format(items);
}
