import type { RulesConfig } from '../config/rules-config.js';
import { allLanguages, ownWords, PhraseSet, words } from '../words/text.js';
import { readSchedule, type ScheduleLexicon } from './schedule.js';

/** The words that tell a thread proposing a group from the category's other threads. */
export interface ProposalLexicon {
  groups: PhraseSet;
  founding: PhraseSet;
  others: PhraseSet;
}

export function proposalLexicon(config: RulesConfig['proposal']): ProposalLexicon {
  return {
    groups: new PhraseSet(allLanguages(config.groups)),
    founding: new PhraseSet(allLanguages(config.founding)),
    others: new PhraseSet(allLanguages(config.others)),
  };
}

// A sentence ends at a stop followed by a space, or a line's end.
const SENTENCE_END = /(?<=[.!?])\s+|\n+/;

/**
 * Whether a text founds a group: one of its sentences holds a group word and a founding word
 * ("We'd like to start an official Mautic group", "Wir möchten eine Mautic-Gruppe gründen",
 * "Propongo di creare un gruppo Mautic a Bari"). Both in one sentence, so a group mentioned
 * in passing beside a start date founds none.
 */
export function foundsAGroup(raw: string, lex: ProposalLexicon): boolean {
  for (const sentence of ownWords(raw).split(SENTENCE_END)) {
    const w = words(sentence);
    if (w.length > 0 && lex.groups.find(w).length > 0 && lex.founding.find(w).length > 0) return true;
  }
  return false;
}

/** Whether a thread's title says it is another kind of thread: a call for speakers, a job offer, a one-off event. */
export function isOtherThread(title: string, lex: ProposalLexicon): boolean {
  return lex.others.matches(title);
}

// Sentences of a first post read for a monthly slot: as many as the checklist reads for one.
const MAX_SENTENCES = 40;

/**
 * Whether a text proposes a regular gathering: one of its sentences is a monthly slot ("on se
 * retrouverait le dernier vendredi du mois à 18h", "then every second Thursday at 7pm").
 */
export function meetsMonthly(raw: string, schedule: ScheduleLexicon): boolean {
  return ownWords(raw)
    .split(SENTENCE_END)
    .slice(0, MAX_SENTENCES)
    .some((sentence) => {
      const kind = readSchedule(sentence, schedule).kind;
      return kind === 'monthly' || kind === 'no_time';
    });
}
