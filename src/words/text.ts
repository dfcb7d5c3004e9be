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
  // Most forum text is plain ASCII: nothing to decompose or replace.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(FOLD, fold).toLowerCase();
}

// One pass for every change after decomposition: an umlaut's mark becomes "e", other marks go,
// typographic apostrophes and dashes become plain, and letters that do not decompose are spelt out.
const FOLD = /([aouAOU])\u0308|[\u0300-\u036f\u2018\u2019\u02bc\u2010-\u2015łŁøØß]/g;
const FOLDED: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  ß: 'ss',
};

function fold(char: string, vowel: string | undefined): string {
  if (vowel !== undefined) return `${vowel}e`;
  if (char >= '\u2010' && char <= '\u2015') return '-';
  return FOLDED[char] ?? '';
}

const NON_ASCII = /[^\t-~]/;

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*|\+\d+/gu;
// The same on text that is all ASCII, where it is several times faster.
const ASCII_WORD = /[a-z0-9]+(?:'[a-z0-9]+)*|\+\d+/g;

/**
 * Words of a text, normalised. An apostrophe inside a word is kept ("i'd"); a hyphen
 * splits, in text and phrases alike, so "Mautic-Treffen" holds "treffen" and the
 * phrase "meet-up" is the two words "meet up".
 */
export function words(text: string): string[] {
  const normal = normalise(text);
  return normal.match(NON_ASCII.test(normal) ? WORD : ASCII_WORD) ?? [];
}

/** Where each of words(text) starts in normalise(text). */
export function wordStarts(text: string): number[] {
  const normal = normalise(text);
  return [...normal.matchAll(NON_ASCII.test(normal) ? WORD : ASCII_WORD)].map((m) => m.index);
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

export type Hit = { at: number; length: number; phrase: string };

/**
 * Many phrase sets read in one pass: every phrase of every set is found by its first word in
 * one map, so a clause costs one lookup per word whatever the number of sets, and a clause
 * none of whose words starts a phrase is known to say nothing at once. Each set keeps
 * PhraseSet's reading: at each position, its longest phrase that matches.
 */
export class PhraseIndex {
  private readonly byFirst = new Map<string, Array<Phrase & { set: number; key: string }>>();
  readonly sets: number;

  constructor(sets: ReadonlyArray<Iterable<string>>) {
    sets.forEach((phrases, set) => {
      for (const phrase of phrases) {
        const w = words(phrase);
        const first = w[0];
        if (first === undefined) continue;
        const bucket = this.byFirst.get(first) ?? [];
        bucket.push({ words: w, atEnd: /\s\$$/.test(phrase.trim()), set, key: w.join(' ') });
        this.byFirst.set(first, bucket);
      }
    });
    for (const bucket of this.byFirst.values()) bucket.sort((a, b) => b.words.length - a.words.length);
    this.sets = sets.length;
  }

  /**
   * The hits of each set (`bySet`, indexed as given; a set without hits has none there, read it
   * as `?? []`) and which sets were hit, in the order first hit; null when no phrase of any set
   * is in the text.
   */
  scan(textWords: readonly string[]): ScanResult | null {
    let out: ScanResult | null = null;
    for (let i = 0; i < textWords.length; i++) {
      const bucket = this.byFirst.get(textWords[i]!);
      if (!bucket) continue;
      for (const phrase of bucket) {
        const hits = out?.bySet[phrase.set];
        // One hit a set a position: the longest, which comes first.
        if (hits !== undefined && hits[hits.length - 1]!.at === i) continue;
        if (!phraseAt(textWords, i, phrase.words)) continue;
        if (phrase.atEnd && i + phrase.words.length !== textWords.length) continue;
        out ??= { bySet: new Array<Hit[] | undefined>(this.sets), hitSets: [] };
        const hit = { at: i, length: phrase.words.length, phrase: phrase.key };
        if (hits) hits.push(hit);
        else {
          out.bySet[phrase.set] = [hit];
          out.hitSets.push(phrase.set);
        }
      }
    }
    return out;
  }
}

export interface ScanResult {
  bySet: Array<Hit[] | undefined>;
  hitSets: number[];
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
  // Most replies have none of these: nothing to take out.
  if (!/[[`~>]/.test(raw)) return raw;
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
  if (!text.includes('[')) return text;
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
  // Normalised once for the whole text; the punctuation that cuts clauses survives it.
  const normal = normalise(text);
  const word = NON_ASCII.test(normal) ? new RegExp(WORD) : new RegExp(ASCII_WORD);
  let current: string[] = [];
  let end = 0;
  // One pass over the words; the gap before each word says whether a clause ended there.
  for (let m = word.exec(normal); m !== null; m = word.exec(normal)) {
    if (current.length > 0) {
      const cut = cutIn(normal, end, m.index);
      if (cut !== NO_CUT) {
        out.push({ words: current, question: (cut & QUESTION) !== 0, comma: (cut & COMMA) !== 0 });
        current = [];
      }
    }
    current.push(m[0]);
    end = m.index + m[0].length;
  }
  if (current.length > 0) {
    const cut = cutIn(normal, end, normal.length);
    out.push({ words: current, question: (cut & QUESTION) !== 0, comma: (cut & COMMA) !== 0 });
  }
  // "¿Alguien se apunta?" is cut at "¿" too, which ends no clause of words.
  return out;
}

const NO_CUT = 0;
const CUT = 1;
const QUESTION = 2;
const COMMA = 4;
// Clause punctuation, by character code (all below 256): a table read is cheaper than a set of strings.
const CUTS = new Uint8Array(256);
for (const c of '.!?;,:\n¿¡') CUTS[c.charCodeAt(0)] = 1;
const isCut = (code: number) => code < 256 && CUTS[code] === 1;
const QUESTION_MARK = 63;
const COMMA_CODE = 44;

/**
 * The first run of clause punctuation between two words, if any: it ends the clause before
 * it, a question when it holds a question mark, going on when it ends with a comma.
 */
function cutIn(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && !isCut(text.charCodeAt(i))) i++;
  if (i === to) return NO_CUT;
  let cut = CUT;
  let last = 0;
  for (; i < to && isCut(text.charCodeAt(i)); i++) {
    last = text.charCodeAt(i);
    if (last === QUESTION_MARK) cut |= QUESTION;
  }
  return last === COMMA_CODE ? cut | COMMA : cut;
}
