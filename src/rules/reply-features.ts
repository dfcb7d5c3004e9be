import type { RulesConfig } from '../config/rules-config.js';
import { clauses, ownWords, PhraseSet, words, wordSet } from '../words/text.js';
import { interestLexicon, postStance, takesBack, type InterestLexicon } from './reply-rules.js';

/**
 * What the reply reader's model looks at (rules/reply-model.ts). Words alone cannot tell "I'll be
 * there" from "I'd be there if I lived closer", and clause rules cannot list every idiom, so the
 * model weighs both: the words of the reply and of its last sentence; the words a negation, a
 * condition or a question governs; the clause rules' reading of the whole reply and of each
 * sentence (rules/reply-rules.ts), so a later sentence can take back an earlier one; and cue
 * words of each language (interest.cues): meeting online, offering instead of coming, hedging,
 * someone else.
 */
export interface ReplyLexicon {
  rules: InterestLexicon;
  negators: Set<string>;
  contrast: Set<string>;
  /** One-word conditions: "if", "wenn", "si", "als", "jeśli". */
  conditional: Set<string>;
  cues: Array<{ name: string; set: PhraseSet }>;
}

export function replyLexicon(config: RulesConfig['interest']): ReplyLexicon {
  const grammars = Object.values(config.grammar);
  const cueNames = [...new Set(Object.values(config.cues).flatMap((c) => Object.keys(c)))].sort();
  return {
    rules: interestLexicon(config),
    negators: wordSet(Object.values(config.negators).flat()),
    contrast: wordSet(Object.values(config.contrast).flat()),
    conditional: wordSet(grammars.flatMap((g) => g.conditional ?? []).filter((w) => words(w).length === 1)),
    cues: cueNames.map((name) => ({
      name,
      set: new PhraseSet(Object.values(config.cues).flatMap((c) => c[name as keyof typeof c] ?? [])),
    })),
  };
}

// Sentences end at . ! ? … or a line break; a longer reply's stance often sits in its last one.
const SENTENCE_END = /(?<=[.!?…])\s+|\n+/;
// Emoji stay what they are whatever skin tone, gender or presentation they are written in.
const EMOJI_MODIFIERS = /(?:[\u{1F3FB}-\u{1F3FF}]|\u200D|\uFE0F|\u2640|\u2642)/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;
const MENTION = /(?:^|\s)@[\w.-]+/;
// Stems are the first letters of a longer word: "interessiert", "interessato" and "interesado" meet.
const STEM_LENGTH = 5;
const MAX_SENTENCES_COUNTED = 5;

/** The features of one reply, as strings; the same text always gives the same list. */
export function replyFeatures(raw: string, lex: ReplyLexicon): string[] {
  const own = ownWords(raw);
  const out: string[] = ['bias'];
  const sentences = own
    .split(SENTENCE_END)
    .map((s) => ({ text: s, words: words(s) }))
    .filter((s) => s.words.length > 0);
  const all = sentences.flatMap((s) => s.words);
  grams(out, '', all);
  const last = sentences.length > 1 ? sentences[sentences.length - 1]! : null;
  if (last) {
    grams(out, 'L', last.words);
    // "…, so no", "also doch nicht": a last sentence that negates takes back what came before.
    if (last.words.some((w) => lex.negators.has(w))) out.push('L:negated');
  }
  scopes(out, own, lex);
  for (const m of own.replace(EMOJI_MODIFIERS, '').matchAll(EMOJI)) out.push(`e:${m[0]}`);
  if (all.length === 0) out.push('empty');
  out.push(`len:${Math.min(sentences.length, MAX_SENTENCES_COUNTED)}`);

  const stance = postStance(raw, lex.rules);
  out.push(`r:${stance}`);
  const said = sentences.map((s) => postStance(s.text, lex.rules)).filter((s) => s !== 'none');
  if (said.length > 0) {
    out.push(`sq:first=${said[0]}`, `sq:last=${said[said.length - 1]}`);
    if (new Set(said).size > 1) out.push('sq:mixed');
  } else out.push('sq:nothing');
  if (last) out.push(`sq:lastsent=${postStance(last.text, lex.rules)}`);

  for (const cue of lex.cues) {
    if (cue.set.find(all).length > 0) out.push(`cue:${cue.name}`, `cue:${cue.name}&${stance}`);
    if (last && cue.set.find(last.words).length > 0) out.push(`cueL:${cue.name}`);
  }
  if (MENTION.test(own)) out.push('cue:mention', `cue:mention&${stance}`);
  // Much of the reply was quoted: someone else's words were answered.
  if (own.length < raw.length * 0.8) out.push('cue:quoted');
  if (own.includes('?')) out.push('cue:question');
  return out;
}

/** Words, word pairs and stems, each under a prefix that says where in the reply they stand. */
function grams(out: string[], at: string, w: readonly string[]): void {
  for (let i = 0; i < w.length; i++) {
    const word = w[i]!;
    out.push(`${at}u:${word}`);
    if (i + 1 < w.length) out.push(`${at}b:${word} ${w[i + 1]}`);
    if (word.length > STEM_LENGTH) out.push(`${at}s:${word.slice(0, STEM_LENGTH)}`);
  }
}

/** The words of each clause that a negation, a condition or a question governs, and the last clause's words. */
function scopes(out: string[], own: string, lex: ReplyLexicon): void {
  const all = clauses(own);
  all.forEach((clause, i) => {
    const conditional = clause.words.some((w) => lex.conditional.has(w));
    // Two negations in a clause make a yes: "wouldn't say no", "je dirais pas non", "nie odmówię".
    if (clause.words.filter((w) => lex.negators.has(w)).length >= 2) out.push('N:twice');
    let negated = false;
    for (const w of clause.words) {
      if (lex.negators.has(w)) {
        negated = true;
        continue;
      }
      if (lex.contrast.has(w)) negated = false;
      if (negated) out.push(`N:${w}`);
      if (conditional) out.push(`C:${w}`);
      if (clause.question) out.push(`Q:${w}`);
    }
    if (i === all.length - 1) for (const w of clause.words) out.push(`LC:${w}`);
    // "…, also doch nicht": the clause rules' sign that what came before was taken back.
    if (i > 0 && takesBack(clause.words, lex.rules)) out.push('takenBack');
  });
}
