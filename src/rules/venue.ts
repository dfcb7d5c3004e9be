import type { RulesConfig } from '../config/rules-config.js';
import { allLanguages as all, ownWords, PhraseSet, words } from './text.js';

export type VenueKind = 'office' | 'community_space' | 'bar' | 'unknown';

export interface VenueLexicon {
  office: PhraseSet;
  community: PhraseSet;
  bar: PhraseSet;
  unconfirmed: PhraseSet;
  cues: PhraseSet;
}

export function venueLexicon(config: RulesConfig['venue']): VenueLexicon {
  return {
    office: new PhraseSet(all(config.office)),
    community: new PhraseSet(all(config.community)),
    bar: new PhraseSet(all(config.bar)),
    unconfirmed: new PhraseSet(all(config.unconfirmed)),
    cues: new PhraseSet(all(config.cues)),
  };
}

export interface VenueReading {
  kind: VenueKind;
  /** Both a workplace or community word and a bar word: the author must say which. */
  mixed: boolean;
  confirmed: boolean;
}

/**
 * The kind of a venue, decided on whole words: "Barcelona" is not a bar, "pubs" is
 * (the plural is in the list). A venue that names both kinds is not guessed at.
 */
export function readVenue(text: string, lex: VenueLexicon): VenueReading {
  const w = words(text);
  const bar = lex.bar.find(w).length > 0;
  const office = lex.office.find(w).length > 0;
  const community = lex.community.find(w).length > 0;
  const confirmed = lex.unconfirmed.find(w).length === 0 && !text.trim().endsWith('?');
  const mixed = bar && (office || community);
  const kind: VenueKind = mixed
    ? 'unknown'
    : bar
      ? 'bar'
      : office
        ? 'office'
        : community
          ? 'community_space'
          : 'unknown';
  return { kind, mixed, confirmed };
}

/**
 * The free-text fallback: a sentence of the first post that is about the venue (it has
 * a cue such as "host" or "bei uns im") and names a kind of place. Only that sentence
 * is taken, so "I work in an office" alone does not make a venue.
 */
export function venueSentence(raw: string, lex: VenueLexicon, maxLength: number): string | null {
  const text = ownWords(raw);
  for (const sentence of text.split(/[.!?\n]+/)) {
    const w = words(sentence);
    if (w.length === 0 || lex.cues.find(w).length === 0) continue;
    if (lex.office.find(w).length + lex.community.find(w).length + lex.bar.find(w).length === 0) continue;
    return sentence.trim().slice(0, maxLength);
  }
  return null;
}
