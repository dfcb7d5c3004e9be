/**
 * Text matching for rules whose words come from configuration and whose input comes
 * from anyone on the forum. No regular expression is built from configured words:
 * text is cut into words once, and phrases are looked up word by word, so the cost
 * is linear in the text whatever the word lists hold (CWE-1333).
 */

/**
 * Lower-case, without accents, with typographic apostrophes and dashes made plain. An
 * umlaut becomes its e-spelling as German writes it without one ("hätte" is "haette"):
 * dropped, it would make the conditional "hätte", "wäre", "würde" the past "hatte", "waren", "wurde".
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/([aouAOU])\u0308/g, '$1e')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[łŁ]/g, 'l')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|\+\d+/gu;

/**
 * Words of a text, normalised. An apostrophe inside a word is kept ("i'd"); a hyphen
 * splits, in text and phrases alike, so "Mautic-Treffen" holds "treffen" and the
 * phrase "meet-up" is the two words "meet up".
 */
export function words(text: string): string[] {
  return normalise(text).match(WORD) ?? [];
}

/**
 * A set of phrases (one or more words each) found by their first word, then compared
 * word by word: O(text words × longest phrase), independent of how many phrases there are.
 */
interface Phrase {
  words: string[];
  /** Written with a trailing " $": the phrase must end the text it is found in. */
  atEnd: boolean;
}

export class PhraseSet {
  private readonly byFirst = new Map<string, Phrase[]>();
  readonly size: number;

  constructor(phrases: Iterable<string>) {
    let size = 0;
    for (const phrase of phrases) {
      const w = words(phrase);
      const first = w[0];
      if (first === undefined) continue;
      const bucket = this.byFirst.get(first) ?? [];
      bucket.push({ words: w, atEnd: /\s\$$/.test(phrase.trim()) });
      this.byFirst.set(first, bucket);
      size++;
    }
    // Longest first, so "user group" wins over "user" where both are listed.
    for (const bucket of this.byFirst.values()) bucket.sort((a, b) => b.words.length - a.words.length);
    this.size = size;
  }

  /** Positions (word index) and lengths of every phrase occurrence in `textWords`. */
  find(textWords: readonly string[]): Array<{ at: number; length: number; phrase: string }> {
    const hits: Array<{ at: number; length: number; phrase: string }> = [];
    for (let i = 0; i < textWords.length; i++) {
      const bucket = this.byFirst.get(textWords[i]!);
      if (!bucket) continue;
      for (const phrase of bucket) {
        if (phraseAt(textWords, i, phrase.words) && (!phrase.atEnd || i + phrase.words.length === textWords.length)) {
          hits.push({ at: i, length: phrase.words.length, phrase: phrase.words.join(' ') });
          break;
        }
      }
    }
    return hits;
  }

  matches(text: string): boolean {
    return this.find(words(text)).length > 0;
  }
}

function phraseAt(textWords: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > textWords.length) return false;
  for (let j = 1; j < phrase.length; j++) if (textWords[at + j] !== phrase[j]) return false;
  return true;
}

/** Every entry of a per-language word list, languages merged: matching does not need to know the language. */
export function allLanguages(byLanguage: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.values(byLanguage).flat();
}

/** A set of single words, normalised like text. */
export function wordSet(list: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const item of list) for (const w of words(item)) out.add(w);
  return out;
}

/**
 * The text people wrote themselves: quotes ([quote]…[/quote], "> " lines) and code
 * (fenced, [code]…[/code], `inline`) removed. Quoted interest is someone else's, and
 * code is not speech. Scans with indexOf, so hostile nesting stays linear.
 */
export function ownWords(raw: string): string {
  let text = removeBlocks(raw, '[quote', '[/quote]');
  text = removeBlocks(text, '[code', '[/code]');
  const kept: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const trimmed = line.trimStart();
    const marker = trimmed.startsWith('```') ? '```' : trimmed.startsWith('~~~') ? '~~~' : null;
    if (fence) {
      if (marker === fence) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    if (trimmed.startsWith('>')) continue;
    kept.push(line.replace(/`[^`\n]*`/g, ' '));
  }
  return kept.join('\n');
}

/**
 * Removes open…close blocks, nested ones whole; an unclosed block runs to the end.
 * Each search starts where the last one ended, so the whole pass is linear.
 */
function removeBlocks(text: string, open: string, close: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let at = 0;
  let nextOpen = lower.indexOf(open);
  let nextClose = lower.indexOf(close);
  while (nextOpen >= 0) {
    out += text.slice(at, nextOpen);
    let depth = 0;
    let i = nextOpen;
    for (;;) {
      if (nextOpen >= 0 && nextOpen < i) nextOpen = lower.indexOf(open, i);
      if (nextClose >= 0 && nextClose < i) nextClose = lower.indexOf(close, i);
      if (nextClose < 0) {
        i = text.length;
        break;
      }
      if (nextOpen >= 0 && nextOpen < nextClose) {
        depth++;
        i = nextOpen + open.length;
      } else {
        depth--;
        i = nextClose + close.length;
        if (depth <= 0) break;
      }
    }
    at = i;
    if (nextOpen >= 0 && nextOpen < at) nextOpen = lower.indexOf(open, at);
    if (at >= text.length) nextOpen = -1;
  }
  return out + text.slice(at);
}

export interface Clause {
  words: string[];
  /** Ends with a question mark, or opens with a Spanish "¿". */
  question: boolean;
  /** Ends with a comma alone: the sentence goes on in the next clause. */
  comma: boolean;
}

/** Clauses of a text: cut at sentence and clause punctuation and line breaks. */
export function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  // One character class, no nesting: linear.
  for (const m of text.matchAll(/[^.!?;,:\n¿¡]*(?:[.!?;,:\n¿¡]+|$)/g)) {
    const piece = m[0];
    if (piece === '') continue;
    const w = words(piece);
    if (w.length === 0) continue;
    out.push({ words: w, question: piece.includes('?'), comma: piece.endsWith(',') });
  }
  // "¿Alguien se apunta?" is split at "¿": the question mark ends the clause anyway.
  return out;
}
