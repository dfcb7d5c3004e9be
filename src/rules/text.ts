/**
 * Text matching for rules whose words come from configuration and whose input comes
 * from anyone on the forum. No regular expression is built from configured words:
 * text is cut into words once, and phrases are looked up word by word, so the cost
 * is linear in the text whatever the word lists hold (CWE-1333).
 */

/** Lower-case, without accents, with typographic apostrophes and dashes made plain. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
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
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();
  readonly size: number;

  constructor(phrases: Iterable<string>) {
    let size = 0;
    for (const phrase of phrases) {
      const w = words(phrase);
      const first = w[0];
      if (first === undefined) continue;
      const bucket = this.byFirst.get(first) ?? [];
      bucket.push(w);
      this.byFirst.set(first, bucket);
      size++;
    }
    // Longest first, so "user group" wins over "user" where both are listed.
    for (const bucket of this.byFirst.values()) bucket.sort((a, b) => b.length - a.length);
    this.size = size;
  }

  /** Positions (word index) and lengths of every phrase occurrence in `textWords`. */
  find(textWords: readonly string[]): Array<{ at: number; length: number; phrase: string }> {
    const hits: Array<{ at: number; length: number; phrase: string }> = [];
    for (let i = 0; i < textWords.length; i++) {
      const bucket = this.byFirst.get(textWords[i]!);
      if (!bucket) continue;
      for (const phrase of bucket) {
        if (phraseAt(textWords, i, phrase)) {
          hits.push({ at: i, length: phrase.length, phrase: phrase.join(' ') });
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
