import type { RulesConfig } from '../config/rules-config.js';
import { grammarPhrases, PairSet, type PairSpec } from './grammar.js';
import {
  allLanguages as all,
  clauses,
  ownWords,
  PhraseIndex,
  PhraseSet,
  wordSet,
  type Clause,
  type Hit,
} from '../words/text.js';

/** What one post says about its writer joining: the last thing it says wins. */
export type Stance = 'interest' | 'withdrawal' | 'none';

/** The phrase sets of the interest reader, found together in one pass (PhraseIndex). */
const SETS = [
  'interest',
  'withdrawal',
  'hypothetical',
  'attending',
  'notAttending',
  'infinitives',
  'grammar',
  'refusals',
  'shortAnswers',
  'miss',
  'past',
  'pastAfter',
  'hedgesAfter',
  'wishes',
  'questionOpeners',
] as const;
type SetName = (typeof SETS)[number];
const SET = Object.fromEntries(SETS.map((name, i) => [name, i])) as Record<SetName, number>;

/** A verb-and-object pair whose halves are sets of the index. */
interface IndexedPair {
  pair: PairSet;
  first: number;
  second: number;
  /** Which reading it belongs to. */
  role: PairRole;
}

type PairRole = 'pairs' | 'separable' | 'refusalPairs' | 'otherSenses';
type PairHits = Record<PairRole, Hit[]>;

export interface InterestLexicon {
  /**
   * Every phrase set in one index, by SETS and then the halves of each pair: interest phrases;
   * withdrawals ("count me out", "too far"); conditions and hedges of one word or more ("if",
   * "might", "peut-être", "a lo mejor"); attendance words in any person ("attend", "teilnehmen",
   * "venir"); attendance words that do not say one attends ("Ich komme aus Dresden"); attendance
   * words that open an infinitive clause after a comma ("Würde mich freuen, teilzunehmen");
   * phrases built from each language's paradigms (imperatives with their clitics, "me too" forms,
   * "see you"); verbs of stepping back; whole answers of a short reply ("Me!", "Gerne!"); verbs
   * of missing, which say yes negated; past and irrealis markers before interest, and past
   * participles after it.
   */
  index: PhraseIndex;
  /** Conditions and hedges alone, for the rare clause read together with the one before it. */
  hypothetical: PhraseSet;
  /** A verb and its object close together: "zählt mich mit", "reken op mij", "możecie na mnie liczyć". */
  pairs: IndexedPair[];
  /** A separable verb with its particle, read as an attendance word: "doe ik ook mee". */
  separable: IndexedPair[];
  /** A refusal said with its complement: "paso esta vez". */
  refusalPairs: IndexedPair[];
  /** An attendance verb with a particle that gives it another sense: "Ik kom er later op terug". */
  otherSenses: IndexedPair[];
  /** Every pair by the set of its first half: a clause looks only at the pairs whose verb it holds. */
  pairsByFirst: Map<number, IndexedPair[]>;
  negators: Set<string>;
  negatorsAfter: Set<string>;
  contrast: Set<string>;
  /** Words that put the writer in a clause: pronouns, and verb forms that carry their person ("iré", "komme"). */
  speakers: Set<string>;
  /** Someone else as the subject: between a writer's word and an attendance word, it takes the verb. */
  others: Set<string>;
  /** Subject pronouns just after the verb (verb-second): "Dann komme ich", "Deze keer doe ik mee". */
  inversion: Set<string>;
  /** Someone else as the subject of a bare interest word: "My colleague is interested". */
  thirdPerson: Set<string>;
  /** Words that open a condition whose main clause follows the comma: "Falls es passt, komme ich". */
  conditional: PhraseSet;
  /** "Even if": a condition word that concedes, and so holds nothing ("Auch wenn …, bin ich dabei"). */
  concessive: PhraseSet;
  /** Negators that end their clause however far from the verb: German "nicht", Dutch "niet". */
  finalNegators: Set<string>;
  /** Auxiliaries that open a clause whose subject, left out, is the writer: "Will surely come". */
  proDrop: Set<string>;
  /** Consequence words and their particles: with a negation alone, a clause of them takes back what came before. */
  takeBack: Set<string>;
  /** Meeting online: an interest phrase in a clause that speaks of it is no interest in the local meetup. */
  online: PhraseSet;
}

export function interestLexicon(config: RulesConfig['interest']): InterestLexicon {
  const built = Object.entries(config.grammar).map(([language, g]) => grammarPhrases(language, g));
  const lists = Object.values(config.grammar);
  const sets: Record<SetName, string[]> = {
    interest: all(config.phrases),
    withdrawal: all(config.withdrawals),
    hypothetical: all(config.hypothetical),
    attending: all(config.attending),
    notAttending: all(config.notAttending),
    infinitives: all(config.infinitives),
    grammar: built.flatMap((b) => b.interest.map((p) => p.phrase)),
    refusals: lists.flatMap((g) => g.refusals ?? []),
    shortAnswers: lists.flatMap((g) => g.shortAnswers ?? []),
    miss: lists.flatMap((g) => g.miss ?? []),
    past: lists.flatMap((g) => g.past ?? []),
    pastAfter: lists.flatMap((g) => g.pastAfter ?? []),
    hedgesAfter: lists.flatMap((g) => g.hedgesAfter ?? []),
    wishes: lists.flatMap((g) => g.wishes ?? []),
    questionOpeners: lists.flatMap((g) => g.questionOpeners ?? []),
  };
  const all_: string[][] = SETS.map((name) => sets[name]);
  const pairsByFirst = new Map<number, IndexedPair[]>();
  const indexed = (specs: PairSpec[], role: PairRole): IndexedPair[] =>
    specs.map((spec) => {
      const pair = new PairSet(spec);
      const [first, second] = pair.halves();
      all_.push(first, second);
      const p = { pair, first: all_.length - 2, second: all_.length - 1, role };
      pairsByFirst.set(p.first, [p]);
      return p;
    });
  const pairs = indexed(
    built.flatMap((b) => b.pairs),
    'pairs',
  );
  const separable = indexed(
    built.flatMap((b) => b.attending),
    'separable',
  );
  const refusalPairs = indexed(
    built.flatMap((b) => b.refusals),
    'refusalPairs',
  );
  const otherSenses = indexed(
    built.flatMap((b) => b.otherSenses),
    'otherSenses',
  );
  return {
    index: new PhraseIndex(all_),
    hypothetical: new PhraseSet(sets.hypothetical),
    pairs,
    separable,
    refusalPairs,
    otherSenses,
    pairsByFirst,
    negators: wordSet(all(config.negators)),
    negatorsAfter: wordSet(all(config.negatorsAfter)),
    contrast: wordSet(all(config.contrast)),
    speakers: wordSet(all(config.speakers)),
    others: wordSet(all(config.others)),
    inversion: wordSet(lists.flatMap((g) => g.inversion ?? [])),
    thirdPerson: wordSet(lists.flatMap((g) => g.thirdPerson ?? [])),
    conditional: new PhraseSet(lists.flatMap((g) => g.conditional ?? [])),
    concessive: new PhraseSet(lists.flatMap((g) => g.concessive ?? [])),
    finalNegators: wordSet(lists.flatMap((g) => g.finalNegators ?? [])),
    proDrop: wordSet(lists.flatMap((g) => g.proDrop ?? [])),
    takeBack: wordSet(lists.flatMap((g) => g.takeBack ?? [])),
    online: new PhraseSet(Object.values(config.cues).flatMap((c) => c.online ?? [])),
  };
}

// How far a negator reaches: "I am not really interested".
const REACH_BEFORE = 3;
const REACH_AFTER = 3;
// How far before an attendance word the writer may stand: "We're a Mautic shop in Manchester and would happily join".
const SPEAKER_REACH = 10;
// A negator may stand before the writer's word too: "no voy", "je ne viendrai pas".
const NEGATOR_BEFORE_SPEAKER = 2;

/**
 * Reads one post's stance. Interest phrases count unless negated, asked as a question,
 * or said of someone else or on a condition; withdrawal phrases ("count me out", "too
 * far") always say no. Besides the phrases, a clause in which the writer says they will
 * attend counts: a writer's word shortly before an attendance word ("I'd definitely
 * attend", "ich würde auf jeden Fall teilnehmen"), or a verb form that carries its
 * person ("Iré", "Przyjdę"). Phrases cannot list every way of saying it; persons and
 * verbs reach the ones nobody wrote down. Quoted text and code are not the writer's words.
 */
export function postStance(raw: string, lex: InterestLexicon): Stance {
  let last: { at: number; stance: Stance } | null = null;
  let offset = 0;
  let before: Clause | null = null;
  const all = clauses(ownWords(raw));
  let length = 0;
  for (const clause of all) length += clause.words.length;
  const short = length <= SHORT_REPLY_WORDS;
  // A wish in the conditional still waiting for the "but" that follows it in the next clause.
  let wishPending = false;
  for (const clause of all) {
    const w = clause.words;
    // "Ich würde gerne kommen, aber …": what follows the "but" is why not.
    if (wishPending) {
      const but = opensWithContrast(w, lex);
      if (but >= 0 && (!last || offset + but >= last.at)) last = { at: offset + but, stance: 'withdrawal' };
    }
    wishPending = false;
    // "Ja! … Prüfungswoche, also doch nicht": a short clause of consequence and negation takes back what came before.
    if (last?.stance === 'interest' && takesBack(w, lex)) last = { at: offset, stance: 'withdrawal' };
    // "Falls es an einem Freitag ist, komme ich": the condition before the comma holds the clause after it.
    const carried = before !== null && before.comma && !before.question && opensCondition(before.words, lex);
    const scanned = lex.index.scan(w);
    // Most clauses hold no word that starts a phrase: they say nothing, and cost one lookup a word.
    if (!scanned) {
      offset += w.length;
      before = clause;
      continue;
    }
    const found = scanned.bySet;
    // A clause that opens with a verb and its subject asks, with or without its question mark: "Kun je ook online meedoen".
    const question =
      clause.question ||
      (found[SET.questionOpeners] ?? NONE).some((h) => h.at === 0) ||
      // "Online doe ik mee": the writer joins online, not the meetup; read as no more than a question.
      lex.online.find(w).length > 0;
    const paired = pairHits(scanned.hitSets, found, lex);
    // Both stay null in the many clauses that have no condition and no phrase that takes words.
    const conditional = conditionsBefore(w, found[SET.hypothetical] ?? NONE, lex, carried);
    // A hedge just after: "komme ich vielleicht", "je viendrai peut-être".
    const hedged = markStarts(found[SET.hedgesAfter] ?? NONE, w.length);
    let taken: boolean[] | null = null;
    const signals: Array<{ at: number; stance: Stance }> = [];
    const refusals: Hit[] = [];
    for (const hit of [...(found[SET.notAttending] ?? NONE), ...paired.otherSenses]) taken = take(taken, w.length, hit);
    const said = [...(found[SET.interest] ?? NONE), ...(found[SET.grammar] ?? NONE), ...paired.pairs];
    // A withdrawal inside a longer interest phrase is a part of it: "nie mogę się doczekać" holds "nie mogę".
    const withdrawals = outside(said, [...(found[SET.withdrawal] ?? NONE), ...paired.refusalPairs], w);
    for (const hit of withdrawals) {
      taken = take(taken, w.length, hit);
      refusals.push(hit);
      // "Is that too far for you?" asks; it does not take anything back.
      if (!question) signals.push({ at: hit.at, stance: 'withdrawal' });
    }
    const governed = governedFrom(refusals, w, lex);
    const past = pastMarkers(w, found[SET.past] ?? NONE, found[SET.pastAfter] ?? NONE, lex);
    // A whole short reply, or its first sentence when that is only the answer ("Présente ! Ça fait longtemps …").
    if (short || (offset === 0 && !clause.comma && !clause.question))
      for (const hit of found[SET.shortAnswers] ?? NONE) if (hit.at === 0 && hit.length === w.length) said.push(hit);
    for (const hit of said) {
      if (touches(taken, hit) || question || conditional?.[hit.at] || governed?.[hit.at]) continue;
      if (hedgedAfter(hedged, hit)) continue;
      if (someoneElseSays(w, hit, lex)) continue;
      const no = negatedAround(w, hit.at, hit.length, lex) || negatedWithin(w, hit, lex) || inPast(past, hit);
      signals.push({ at: hit.at, stance: no ? 'withdrawal' : 'interest' });
    }
    for (const hit of found[SET.miss] ?? NONE) {
      if (touches(taken, hit) || question || conditional?.[hit.at]) continue;
      // Not missing it is being there: "wouldn't miss it", "non me lo perdo", "nie przegapię".
      if (negatedAround(w, hit.at, hit.length, lex) && !someoneElseBefore(w, hit.at, lex))
        signals.push({ at: hit.at, stance: inPast(past, hit) ? 'withdrawal' : 'interest' });
    }
    // A refusal inside a longer interest phrase is a part of it: "je dirais pas non" holds Polish "pas".
    for (const hit of outside(said, found[SET.refusals] ?? [], w)) {
      if (touches(taken, hit) || question || conditional?.[hit.at]) continue;
      // "I'll pass" steps back; "I won't pass on this" does not, and says nothing else either.
      if (writerAttending(w, hit.at, hit.length, lex) === 'interest')
        signals.push({ at: hit.at, stance: 'withdrawal' });
    }
    for (const hit of [...(found[SET.attending] ?? NONE), ...paired.separable]) {
      if (touches(taken, hit) || question || conditional?.[hit.at] || governed?.[hit.at]) continue;
      if (hedgedAfter(hedged, hit)) continue;
      const opensInfinitive = hit.at === 0 && (found[SET.infinitives] ?? NONE).some((h) => h.at === 0);
      const writer = writerAttending(w, hit.at, hit.length, lex);
      const stance =
        writer === 'interest' && negatedWithin(w, hit, lex)
          ? 'withdrawal'
          : (writer ?? (opensInfinitive ? infinitiveAfterComma(before, clause, hit, lex) : null));
      if (stance)
        signals.push({
          at: hit.at,
          stance: stance === 'interest' && inPast(past, hit) ? 'withdrawal' : stance,
        });
    }
    for (const wish of found[SET.wishes] ?? NONE) {
      if (question) break;
      const but = contrastAfter(w, wish.at + wish.length, lex);
      if (but >= 0) signals.push({ at: but, stance: 'withdrawal' });
      else if (clause.comma) wishPending = true;
    }
    signals.sort((a, b) => a.at - b.at);
    for (const s of signals) if (!last || offset + s.at >= last.at) last = { at: offset + s.at, stance: s.stance };
    offset += w.length;
    before = clause;
  }
  return last?.stance ?? 'none';
}

// "so no", "also doch nicht", "więc jednak nie": longer, the clause says more than that.
const TAKE_BACK_WORDS = 5;

/** A clause of only consequence words, their particles and a negation: "donc non", "dus toch niet". */
export function takesBack(w: readonly string[], lex: InterestLexicon): boolean {
  if (w.length < 2 || w.length > TAKE_BACK_WORDS) return false;
  let negated = false;
  let consequence = false;
  for (const word of w) {
    if (lex.negators.has(word)) negated = true;
    else if (lex.takeBack.has(word)) consequence = true;
    else return false;
  }
  return negated && consequence;
}

// A reply this short that is only "Me!" or "Gerne!" answers the thread's question; in a longer
// one the same word is a part of something else ("Yes, the 5th works").
const SHORT_REPLY_WORDS = 6;
// How far before interest a past or irrealis marker reaches: "I was really keen", "Ich wollte eigentlich kommen".
const PAST_REACH = 4;
// How far after it a past participle does: "Ich wäre gerne dabei gewesen".
const PAST_AFTER_REACH = 2;

const NONE: readonly Hit[] = [];

/** The hits that no longer hit of `outer` holds. One pass: the furthest end reached from each word. */
function outside(outer: readonly Hit[], hits: Hit[], w: readonly string[]): Hit[] {
  if (outer.length === 0 || hits.length === 0) return hits;
  // From an outer hit that starts at a word, and from one that starts before it.
  const at = new Array<number>(w.length + 1).fill(-1);
  for (const o of outer) at[o.at] = Math.max(at[o.at]!, o.at + o.length);
  const before = new Array<number>(w.length + 1).fill(-1);
  for (let i = 1; i <= w.length; i++) before[i] = Math.max(before[i - 1]!, at[i - 1]!);
  return hits.filter((h) => {
    const end = h.at + h.length;
    return !(before[h.at]! >= end || at[h.at]! > end);
  });
}

const NO_PAIRS: PairHits = { pairs: [], separable: [], refusalPairs: [], otherSenses: [] };

/** The hits of each pair whose two halves are both in the clause, by reading; found from the sets the clause hit. */
function pairHits(hitSets: readonly number[], found: ReadonlyArray<Hit[] | undefined>, lex: InterestLexicon): PairHits {
  let out: PairHits | null = null;
  for (const set of hitSets)
    for (const p of lex.pairsByFirst.get(set) ?? []) {
      const second = found[p.second];
      if (!second) continue;
      out ??= { pairs: [], separable: [], refusalPairs: [], otherSenses: [] };
      out[p.role].push(...p.pair.join(found[p.first]!, second));
    }
  return out ?? NO_PAIRS;
}

/**
 * For each word of a clause, whether a past or irrealis marker stands shortly before it with no
 * contrast between ("I was keen", "J'aurais aimé venir"), and whether a past participle stands
 * at it ("hätte Interesse gehabt"); null when the clause has none. One pass each.
 */
function pastMarkers(
  w: readonly string[],
  before: readonly Hit[],
  after: readonly Hit[],
  lex: InterestLexicon,
): { before: boolean[]; after: boolean[] } | null {
  if (before.length + after.length === 0) return null;
  const starts = new Set(before.map((p) => p.at));
  const out = { before: new Array<boolean>(w.length).fill(false), after: new Array<boolean>(w.length).fill(false) };
  let nearest = -Infinity;
  for (let i = 0; i < w.length; i++) {
    out.before[i] = i - nearest <= PAST_REACH;
    if (starts.has(i)) nearest = i;
    if (lex.contrast.has(w[i]!)) nearest = -Infinity;
  }
  for (const p of after) out.after[p.at] = true;
  return out;
}

/** Interest told in the past or as an unrealised wish no longer holds: a marker shortly before, or a participle just after. */
function inPast(past: ReturnType<typeof pastMarkers>, hit: Hit): boolean {
  if (!past) return false;
  const end = hit.at + hit.length;
  for (let k = end; k < end + PAST_AFTER_REACH; k++) if (past.after[k]) return true;
  return past.before[hit.at] === true;
}

/**
 * For each word of a clause, whether a refusal earlier in it governs an attendance word there,
 * so that it says nothing more: "it is too far for me to come", "ich bin nicht in der Lage zu
 * kommen". A contrast ends the refusal's reach. Null when the clause has no refusal. One pass.
 */
function governedFrom(refusals: readonly Hit[], w: readonly string[], lex: InterestLexicon): boolean[] | null {
  if (refusals.length === 0) return null;
  const ends = new Set(refusals.map((r) => r.at + r.length));
  const out = new Array<boolean>(w.length);
  let active = false;
  for (let i = 0; i < w.length; i++) {
    if (ends.has(i)) active = true;
    out[i] = active;
    if (lex.contrast.has(w[i]!)) active = false;
  }
  return out;
}

/**
 * A bare interest word with someone else as its subject: "My colleague is interested", "Il mio
 * collega è interessato"). Looked for back to the nearest writer's word; a phrase that names the
 * writer itself ("count me in", "I'm interested", "partecipiamo") is the writer's.
 */
function someoneElseSays(w: readonly string[], hit: Hit, lex: InterestLexicon): boolean {
  for (let k = hit.at; k < hit.at + hit.length; k++) if (lex.speakers.has(w[k]!)) return false;
  for (let j = hit.at - 1; j >= Math.max(0, hit.at - SPEAKER_REACH); j--) {
    const x = w[j]!;
    if (lex.speakers.has(x)) return false;
    if (lex.thirdPerson.has(x) || lex.others.has(x)) return true;
  }
  return false;
}

/** Someone else shortly before: "I hope you won't miss it" is not the writer's. */
function someoneElseBefore(w: readonly string[], at: number, lex: InterestLexicon): boolean {
  for (let j = at - 1; j >= Math.max(0, at - SPEAKER_REACH); j--) {
    if (lex.speakers.has(w[j]!)) return false;
    if (lex.others.has(w[j]!)) return true;
  }
  return false;
}

/** Marks a phrase's words as taken: a withdrawal, or an attendance word in another sense. */
function take(taken: boolean[] | null, words: number, hit: Hit): boolean[] {
  return (taken ?? new Array<boolean>(words).fill(false)).fill(true, hit.at, hit.at + hit.length);
}

/** A phrase that touches taken words says nothing else: "I'll join" in "I'll join the call". */
function touches(taken: boolean[] | null, hit: Hit): boolean {
  if (!taken) return false;
  for (let k = hit.at; k < hit.at + hit.length; k++) if (taken[k]) return true;
  return false;
}

/**
 * For each word of a clause, whether a condition or hedge stands before it ("if the date
 * suits me I will attend", "I might join"), up to a contrast word ("not sure if I can, but
 * I'll come"); null when the clause has none. One pass, so a hostile clause of many
 * phrases stays linear.
 */
function conditionsBefore(
  w: readonly string[],
  hits: readonly Hit[],
  lex: InterestLexicon,
  carried = false,
): boolean[] | null {
  if (hits.length === 0 && !carried) return null;
  // A negated modal is no hedge: Polish "nie może" is "cannot", not "not maybe".
  const starts = new Set(hits.filter((hit) => !(hit.at > 0 && lex.negators.has(w[hit.at - 1]!))).map((hit) => hit.at));
  const out = new Array<boolean>(w.length);
  let conditional = carried;
  for (let i = 0; i < w.length; i++) {
    out[i] = conditional;
    if (lex.contrast.has(w[i]!)) conditional = false;
    else if (starts.has(i)) conditional = true;
  }
  return out;
}

// How far into the clause after a wish its "but" may stand: "…, aber leider …", "…, but sadly …".
const CONTRAST_OPENS_WITHIN = 2;

function opensWithContrast(w: readonly string[], lex: InterestLexicon): number {
  for (let i = 0; i < Math.min(w.length, CONTRAST_OPENS_WITHIN); i++) if (lex.contrast.has(w[i]!)) return i;
  return -1;
}

/** The first contrast word from `from` on in the clause, or -1. */
function contrastAfter(w: readonly string[], from: number, lex: InterestLexicon): number {
  for (let i = from; i < w.length; i++) if (lex.contrast.has(w[i]!)) return i;
  return -1;
}

// How far a condition word may stand into its clause: "Aber falls es klappt, …".
const CONDITION_OPENS_WITHIN = 2;

function opensCondition(w: readonly string[], lex: InterestLexicon): boolean {
  // Only the clause's first words are looked at: the cost stays that of a few words.
  const start = w.slice(0, CONDITION_OPENS_WITHIN + MAX_CONDITION_WORDS);
  if (lex.concessive.find(start).some((hit) => hit.at < CONDITION_OPENS_WITHIN)) return false;
  return lex.conditional.find(start).some((hit) => hit.at < CONDITION_OPENS_WITHIN);
}

// "en caso de que", "pourvu que": a condition word is at most this many words.
const MAX_CONDITION_WORDS = 4;

// How close after a phrase a hedge takes it back: "komme ich vielleicht".
const HEDGE_REACH = 2;

function markStarts(hits: readonly Hit[], words: number): boolean[] | null {
  if (hits.length === 0) return null;
  const out = new Array<boolean>(words).fill(false);
  for (const h of hits) out[h.at] = true;
  return out;
}

function hedgedAfter(hedged: boolean[] | null, hit: Hit): boolean {
  if (!hedged) return false;
  const end = hit.at + hit.length;
  for (let k = end; k < end + HEDGE_REACH; k++) if (hedged[k]) return true;
  return false;
}

/**
 * Whether the writer says they attend, at an attendance word: the nearest writer's word
 * at most SPEAKER_REACH before it (or the word itself, when it carries its person), and no
 * one else in between. A negator from just before the writer to the verb, or just after
 * the verb, takes it back ("I won't be able to come").
 */
function writerAttending(w: readonly string[], at: number, length: number, lex: InterestLexicon): Stance | null {
  // Verb second: the subject right after the verb ("Diesmal komme ich", "Dan doe ik mee").
  let speaker = lex.inversion.has(w[at + 1] ?? '') ? at + 1 : -1;
  for (let j = at; speaker < 0 && j >= Math.max(0, at - SPEAKER_REACH); j--) {
    if (lex.speakers.has(w[j]!)) {
      speaker = j;
      break;
    }
    if (lex.others.has(w[j]!)) return null;
  }
  // A clause that opens with an auxiliary and no subject has the writer as its subject: "Will surely come".
  if (speaker < 0 && at <= SPEAKER_REACH && lex.proDrop.has(w[0]!) && !othersBetween(w, 0, at, lex)) speaker = 0;
  if (speaker < 0) return null;
  // Back to just before the writer's word when that is further: "Ya no voy a poder asistir".
  return negatedAround(w, at, length, lex, Math.min(at - REACH_BEFORE, speaker - NEGATOR_BEFORE_SPEAKER))
    ? 'withdrawal'
    : 'interest';
}

function othersBetween(w: readonly string[], from: number, to: number, lex: InterestLexicon): boolean {
  for (let j = from; j < to; j++) if (lex.others.has(w[j]!)) return true;
  return false;
}

/**
 * An infinitive clause that opens with an attendance word takes its writer from the clause
 * before the comma: "Würde mich freuen, teilzunehmen", "Ich hätte Lust, vorbeizukommen".
 * The two are read as one clause, so a condition or someone else in the first still counts.
 */
function infinitiveAfterComma(before: Clause | null, clause: Clause, hit: Hit, lex: InterestLexicon): Stance | null {
  if (hit.at !== 0 || !before?.comma || before.question) return null;
  const joined = [...before.words, ...clause.words];
  const at = before.words.length;
  if (conditionsBefore(joined, lex.hypothetical.find(joined), lex)?.[at]) return null;
  return writerAttending(joined, at, hit.length, lex);
}

/** Whether a negator shortly before (back to `from`) or after a phrase, up to a contrast word, takes it back. */
function negatedAround(
  w: readonly string[],
  at: number,
  length: number,
  lex: InterestLexicon,
  from = at - REACH_BEFORE,
): boolean {
  let negated = false;
  for (let j = at - 1; j >= Math.max(0, from); j--) {
    const word = w[j]!;
    if (lex.contrast.has(word)) break;
    if (lex.negators.has(word)) negated = true;
  }
  for (let j = at + length; j < Math.min(w.length, at + length + REACH_AFTER); j++) {
    const word = w[j]!;
    if (lex.contrast.has(word)) break;
    if (lex.negatorsAfter.has(word)) negated = true;
  }
  return negated || at + length >= finalNegatorReach(w, lex);
}

/**
 * A negator between a verb and its particle or object, which a pair spans: "Ich komme leider
 * nicht mit", "Ik doe deze keer niet mee". A phrase's own words never negate it ("nie mogę się
 * doczekać" is one phrase), so only pairs, whose words are apart, are looked into.
 */
function negatedWithin(w: readonly string[], hit: Hit, lex: InterestLexicon): boolean {
  if (!hit.phrase.includes(' … ')) return false;
  for (let k = hit.at + 1; k < hit.at + hit.length - 1; k++) if (lex.negators.has(w[k]!)) return true;
  return false;
}

const finalNegators = new WeakMap<readonly string[], number>();

/**
 * Where a negator that ends the clause reaches back to: German and Dutch put it last, however
 * far from the verb ("Leider schaffe ich es an dem Tag nicht"), up to a contrast. Infinity when
 * the clause does not end with one. Found once a clause.
 */
function finalNegatorReach(w: readonly string[], lex: InterestLexicon): number {
  if (w.length < 2 || !lex.finalNegators.has(w[w.length - 1]!)) return Infinity;
  let reach = finalNegators.get(w);
  if (reach !== undefined) return reach;
  reach = Infinity;
  if (w.length > 1 && lex.finalNegators.has(w[w.length - 1]!)) {
    reach = 0;
    for (let j = w.length - 2; j >= 0; j--)
      if (lex.contrast.has(w[j]!)) {
        reach = j + 1;
        break;
      }
  }
  finalNegators.set(w, reach);
  return reach;
}

/**
 * Whether a reply speaks of coming at all, said, negated, hedged or asked: an interest or
 * attendance phrase anywhere in the writer's own words. A reply that does, and that the reader
 * cannot read as a yes or a no, is unsure (rules/reply.ts).
 */
export function speaksOfComing(raw: string, lex: InterestLexicon): boolean {
  for (const clause of clauses(ownWords(raw))) {
    const found = lex.index.scan(clause.words)?.bySet;
    if (!found) continue;
    for (const set of COMING_SETS) if ((found[set]?.length ?? 0) > 0) return true;
  }
  return false;
}

const COMING_SETS = [SET.interest, SET.grammar, SET.attending, SET.shortAnswers, SET.miss, SET.wishes];
