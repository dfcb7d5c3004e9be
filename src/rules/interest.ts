import type { RulesConfig } from '../config/rules-config.js';
import type { PostState, ThreadView } from './snapshot.js';
import { grammarPhrases, PairSet } from './grammar.js';
import { allLanguages as all, clauses, ownWords, PhraseSet, wordSet, type Clause } from './text.js';

/** What one post says about its writer joining: the last thing it says wins. */
export type Stance = 'interest' | 'withdrawal' | 'none';

export interface InterestLexicon {
  interest: PhraseSet;
  withdrawal: PhraseSet;
  negators: Set<string>;
  negatorsAfter: Set<string>;
  contrast: Set<string>;
  /** Conditions and hedges, of one word or more ("if", "might", "peut-être", "a lo mejor"). */
  hypothetical: PhraseSet;
  /** Words that put the writer in a clause: pronouns, and verb forms that carry their person ("iré", "komme"). */
  speakers: Set<string>;
  /** Someone else as the subject: between a writer's word and an attendance word, it takes the verb. */
  others: Set<string>;
  /** Going to the meetup, said in any person ("attend", "teilnehmen", "venir"): interest when the writer says it. */
  attending: PhraseSet;
  /** An attendance word that does not say one attends ("Ich komme aus Dresden", "coming back to this"). */
  notAttending: PhraseSet;
  /** Attendance words that open an infinitive clause after a comma: "Würde mich freuen, teilzunehmen". */
  infinitives: PhraseSet;
  /** Built from each language's paradigms: imperatives with their clitics, "me too" forms, "see you". */
  grammar: PhraseSet;
  /** A verb and its object close together: "zählt mich mit", "reken op mij", "możecie na mnie liczyć". */
  pairs: PairSet[];
  /** A separable verb with its particle, read as an attendance word: "doe ik ook mee". */
  separable: PairSet[];
  /** Subject pronouns just after the verb (verb-second): "Dann komme ich", "Deze keer doe ik mee". */
  inversion: Set<string>;
  /** Verbs of stepping back: with the writer as subject, a withdrawal. */
  refusals: PhraseSet;
  /** A refusal said with its complement: "paso esta vez". */
  refusalPairs: PairSet[];
  /** Someone else as the subject of a bare interest word: "My colleague is interested". */
  thirdPerson: Set<string>;
  /** Whole answers of a short reply: "Me!", "Gerne!". */
  shortAnswers: PhraseSet;
  /** Verbs of missing: negated, they say yes. */
  miss: PhraseSet;
  /** Past and irrealis markers before interest, and past participles after it: the interest no longer holds. */
  past: PhraseSet;
  pastAfter: PhraseSet;
}

export function interestLexicon(config: RulesConfig['interest']): InterestLexicon {
  return {
    interest: new PhraseSet(all(config.phrases)),
    withdrawal: new PhraseSet(all(config.withdrawals)),
    negators: wordSet(all(config.negators)),
    negatorsAfter: wordSet(all(config.negatorsAfter)),
    contrast: wordSet(all(config.contrast)),
    hypothetical: new PhraseSet(all(config.hypothetical)),
    speakers: wordSet(all(config.speakers)),
    others: wordSet(all(config.others)),
    attending: new PhraseSet(all(config.attending)),
    notAttending: new PhraseSet(all(config.notAttending)),
    infinitives: new PhraseSet(all(config.infinitives)),
    ...grammarLexicon(config.grammar),
  };
}

function grammarLexicon(grammar: RulesConfig['interest']['grammar']) {
  const built = Object.entries(grammar).map(([language, g]) => grammarPhrases(language, g));
  const lists = Object.values(grammar);
  return {
    grammar: new PhraseSet(built.flatMap((b) => b.interest.map((p) => p.phrase))),
    pairs: built.flatMap((b) => b.pairs.map((spec) => new PairSet(spec))),
    separable: built.flatMap((b) => b.attending.map((spec) => new PairSet(spec))),
    inversion: wordSet(lists.flatMap((g) => g.inversion ?? [])),
    refusals: new PhraseSet(lists.flatMap((g) => g.refusals ?? [])),
    refusalPairs: built.flatMap((b) => b.refusals.map((spec) => new PairSet(spec))),
    thirdPerson: wordSet(lists.flatMap((g) => g.thirdPerson ?? [])),
    shortAnswers: new PhraseSet(lists.flatMap((g) => g.shortAnswers ?? [])),
    miss: new PhraseSet(lists.flatMap((g) => g.miss ?? [])),
    past: new PhraseSet(lists.flatMap((g) => g.past ?? [])),
    pastAfter: new PhraseSet(lists.flatMap((g) => g.pastAfter ?? [])),
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
  for (const clause of all) {
    const w = clause.words;
    // Both stay null in the many clauses that have no condition and no phrase that takes words.
    const conditional = conditionsBefore(w, lex);
    let taken: boolean[] | null = null;
    const signals: Array<{ at: number; stance: Stance }> = [];
    const refusals: Hit[] = [];
    for (const hit of lex.notAttending.find(w)) taken = take(taken, w.length, hit);
    for (const hit of [...lex.withdrawal.find(w), ...lex.refusalPairs.flatMap((p) => p.find(w))]) {
      taken = take(taken, w.length, hit);
      refusals.push(hit);
      // "Is that too far for you?" asks; it does not take anything back.
      if (!clause.question) signals.push({ at: hit.at, stance: 'withdrawal' });
    }
    const past = pastMarkers(w, lex);
    const said = [...lex.interest.find(w), ...lex.grammar.find(w), ...lex.pairs.flatMap((p) => p.find(w))];
    if (short) for (const hit of lex.shortAnswers.find(w)) if (hit.at === 0 && hit.length === w.length) said.push(hit);
    for (const hit of said) {
      if (touches(taken, hit) || clause.question || conditional?.[hit.at] || governed(refusals, hit, w, lex)) continue;
      if (someoneElseSays(w, hit, lex)) continue;
      const no = negatedAround(w, hit.at, hit.length, lex) || inPast(past, w, hit, lex);
      signals.push({ at: hit.at, stance: no ? 'withdrawal' : 'interest' });
    }
    for (const hit of lex.miss.find(w)) {
      if (touches(taken, hit) || clause.question || conditional?.[hit.at]) continue;
      // Not missing it is being there: "wouldn't miss it", "non me lo perdo", "nie przegapię".
      if (negatedAround(w, hit.at, hit.length, lex) && !someoneElseBefore(w, hit.at, lex))
        signals.push({ at: hit.at, stance: inPast(past, w, hit, lex) ? 'withdrawal' : 'interest' });
    }
    for (const hit of lex.refusals.find(w)) {
      if (touches(taken, hit) || clause.question || conditional?.[hit.at]) continue;
      // "I'll pass" steps back; "I won't pass on this" does not, and says nothing else either.
      if (writerAttending(w, hit.at, hit.length, lex) === 'interest')
        signals.push({ at: hit.at, stance: 'withdrawal' });
    }
    for (const hit of [...lex.attending.find(w), ...lex.separable.flatMap((p) => p.find(w))]) {
      if (touches(taken, hit) || clause.question || conditional?.[hit.at] || governed(refusals, hit, w, lex)) continue;
      const stance = writerAttending(w, hit.at, hit.length, lex) ?? infinitiveAfterComma(before, clause, hit, lex);
      if (stance)
        signals.push({
          at: hit.at,
          stance: stance === 'interest' && inPast(past, w, hit, lex) ? 'withdrawal' : stance,
        });
    }
    for (const s of signals) if (!last || offset + s.at >= last.at) last = { at: offset + s.at, stance: s.stance };
    offset += w.length;
    before = clause;
  }
  return last?.stance ?? 'none';
}

// A reply this short that is only "Me!" or "Gerne!" answers the thread's question; in a longer
// one the same word is a part of something else ("Yes, the 5th works").
const SHORT_REPLY_WORDS = 6;
// How far before interest a past or irrealis marker reaches: "I was really keen", "Ich wollte eigentlich kommen".
const PAST_REACH = 4;
// How far after it a past participle does: "Ich wäre gerne dabei gewesen".
const PAST_AFTER_REACH = 2;

/** Where the clause's past markers stand, before and after; null when it has none. */
function pastMarkers(w: readonly string[], lex: InterestLexicon): { before: Hit[]; after: Hit[] } | null {
  const before = lex.past.find(w);
  const after = lex.pastAfter.find(w);
  return before.length + after.length === 0 ? null : { before, after };
}

/**
 * Interest told in the past or as an unrealised wish no longer holds: a past marker shortly
 * before it with no contrast between ("I was keen", "J'aurais aimé venir"), or a past
 * participle just after ("hätte Interesse gehabt").
 */
function inPast(past: ReturnType<typeof pastMarkers>, w: readonly string[], hit: Hit, lex: InterestLexicon): boolean {
  if (!past) return false;
  const end = hit.at + hit.length;
  if (past.after.some((p) => p.at >= end && p.at < end + PAST_AFTER_REACH)) return true;
  return past.before.some(
    (p) => p.at < hit.at && p.at >= hit.at - PAST_REACH && !w.slice(p.at, hit.at).some((x) => lex.contrast.has(x)),
  );
}

/**
 * An attendance word governed by a refusal earlier in the clause says nothing more: "it is
 * too far for me to come", "ich bin nicht in der Lage zu kommen". A contrast ends the refusal's reach.
 */
function governed(refusals: readonly Hit[], hit: Hit, w: readonly string[], lex: InterestLexicon): boolean {
  return refusals.some(
    (r) => r.at + r.length <= hit.at && !w.slice(r.at + r.length, hit.at).some((x) => lex.contrast.has(x)),
  );
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

type Hit = { at: number; length: number };

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
function conditionsBefore(w: readonly string[], lex: InterestLexicon): boolean[] | null {
  const hits = lex.hypothetical.find(w);
  if (hits.length === 0) return null;
  // A negated modal is no hedge: Polish "nie może" is "cannot", not "not maybe".
  const starts = new Set(hits.filter((hit) => !(hit.at > 0 && lex.negators.has(w[hit.at - 1]!))).map((hit) => hit.at));
  const out = new Array<boolean>(w.length);
  let conditional = false;
  for (let i = 0; i < w.length; i++) {
    out[i] = conditional;
    if (lex.contrast.has(w[i]!)) conditional = false;
    else if (starts.has(i)) conditional = true;
  }
  return out;
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
  if (speaker < 0) return null;
  // Back to just before the writer's word when that is further: "Ya no voy a poder asistir".
  return negatedAround(w, at, length, lex, Math.min(at - REACH_BEFORE, speaker - NEGATOR_BEFORE_SPEAKER))
    ? 'withdrawal'
    : 'interest';
}

/**
 * An infinitive clause that opens with an attendance word takes its writer from the clause
 * before the comma: "Würde mich freuen, teilzunehmen", "Ich hätte Lust, vorbeizukommen".
 * The two are read as one clause, so a condition or someone else in the first still counts.
 */
function infinitiveAfterComma(before: Clause | null, clause: Clause, hit: Hit, lex: InterestLexicon): Stance | null {
  if (hit.at !== 0 || !before?.comma || before.question || !lex.infinitives.find(clause.words).some((h) => h.at === 0))
    return null;
  const joined = [...before.words, ...clause.words];
  const at = before.words.length;
  if (conditionsBefore(joined, lex)?.[at]) return null;
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
  return negated;
}

export interface InterestedPerson {
  userId: number;
  username: string;
  /** The post by which they first showed interest; null for a like on the first post. */
  post: number | null;
}

export interface InterestOptions {
  countAuthor: boolean;
  countFirstPostLikes: boolean;
  /** True for posts that never count (the service's own, system, bots). */
  ignored: (post: Pick<PostState, 'username' | 'own'>) => boolean;
}

/**
 * Posts that speak for a person: live, regular, not the service's or a bot's; one per
 * id (its newest version), in thread order whatever order they came in.
 */
export function countedPosts(view: ThreadView, ignored: InterestOptions['ignored']): PostState[] {
  const byId = new Map<number, PostState>();
  for (const p of view.posts) {
    const seen = byId.get(p.id);
    if (!seen || p.version > seen.version || (p.version === seen.version && p.updatedAt > seen.updatedAt))
      byId.set(p.id, p);
  }
  return [...byId.values()]
    .filter((p) => !p.deleted && p.postType === 1 && !ignored(p))
    .sort((a, b) => a.number - b.number || a.id - b.id);
}

/**
 * Everyone interested, in the order they first showed it. Each person's posts are read
 * in thread order and the latest stance wins, so a later "count me out" removes them.
 */
export function interestedPeople(view: ThreadView, lex: InterestLexicon, opts: InterestOptions): InterestedPerson[] {
  const people = new Map<number, { username: string; interested: boolean; first: number | null; liked: boolean }>();
  const person = (userId: number, username: string) => {
    let p = people.get(userId);
    if (!p) people.set(userId, (p = { username, interested: false, first: null, liked: false }));
    return p;
  };
  const firstPost = view.posts.find((p) => p.number === 1 && !p.deleted);
  if (opts.countFirstPostLikes && firstPost) {
    for (const liker of view.firstPostLikers) {
      if (opts.ignored({ username: liker.username, own: false })) continue;
      const p = person(liker.id, liker.username);
      p.interested = true;
      p.liked = true;
    }
  }
  for (const post of countedPosts(view, opts.ignored)) {
    const p = person(post.userId, post.username);
    const isAuthorPost = post.number === 1;
    const stance = isAuthorPost && opts.countAuthor ? 'interest' : postStance(post.raw, lex);
    if (stance === 'interest') {
      p.interested = true;
      p.first ??= post.number;
    } else if (stance === 'withdrawal') {
      p.interested = false;
    }
  }
  return [...people.entries()]
    .filter(([, p]) => p.interested)
    .map(([userId, p]) => ({ userId, username: p.username, post: p.first }))
    .sort((a, b) => (a.post ?? Infinity) - (b.post ?? Infinity) || a.userId - b.userId);
}
