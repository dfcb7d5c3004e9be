/**
 * Evidence that an evaluation set is still unseen: no entry of config/ matches its rows alone
 * (one would have been added for them), and none of its rows stands near-identical in the
 * tuning data (it would have been copied there). Only hand-labelled tuning rows count as
 * seen text: cases generated from config/ would make every entry seen, and the check could
 * never fail.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import { grammarPhrases, PairSet } from '../../src/rules/grammar.js';
import { normalise, PhraseIndex, PhraseSet, words } from '../../src/words/text.js';
import { labelledReplies, labelledSets, setPath, type SetEntry } from './interest-set.js';
import { labelledProposals } from './proposal-set.js';

export interface ConfigEntry {
  file: string;
  path: string;
  entry: string;
}

const LANGUAGE_DIR = 'config/languages';
const LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt'];

/** Every string of one language's reading lists, with where it stands. */
function entriesOf(file: string, language: string, data: unknown): Array<ConfigEntry & { language: string }> {
  const out: Array<ConfigEntry & { language: string }> = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') out.push({ file, path, entry: node, language });
    else if (Array.isArray(node)) node.forEach((v) => walk(v, path));
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(data, '');
  return out;
}

/** Every string of every language's reading lists, with where it stands. */
export function languageEntries(): Array<ConfigEntry & { language: string }> {
  return LANGUAGES.flatMap((language) => {
    const file = join(LANGUAGE_DIR, language, 'reading.json');
    return entriesOf(file, language, JSON.parse(readFileSync(file, 'utf8')));
  });
}

/** Which entries a text uses: phrases and words as the rules match them, grammar by the parts it was built from. */
export function usedEntries(
  texts: readonly string[],
  entries: ReadonlyArray<ConfigEntry & { language: string }>,
): Set<string> {
  const key = (e: ConfigEntry) => `${e.file}\u0000${e.path}\u0000${e.entry}`;
  const byPhrase = new Map<string, string[]>();
  // An entry ending in "*" is a word's beginning ("commenc*"): used by every word that starts so.
  const byPrefix = new Map<string, string[]>();
  for (const e of entries.filter((x) => x.entry.endsWith('*'))) {
    const p = words(e.entry.slice(0, -1)).join(' ');
    if (p !== '') (byPrefix.get(p) ?? byPrefix.set(p, []).get(p)!).push(key(e));
  }
  for (const e of entries) {
    if (e.entry.endsWith('*')) continue;
    const k = words(e.entry).join(' ');
    if (k === '') continue;
    (byPhrase.get(k) ?? byPhrase.set(k, []).get(k)!).push(key(e));
  }
  // Every entry that matches at a position, not only the longest: "i'd love to" is used where "i'd love to come" is.
  const plain = new PhraseIndex([...byPhrase.keys()].map((k) => [k]));
  const plainKeys = [...byPhrase.keys()];
  // Grammar: a built phrase or pair stands for each entry it was built from.
  const config = loadRulesConfig('config/default.json');
  const bySource = new Map<string, string[]>();
  for (const e of entries) {
    const m = /^interest\.grammar\.(.+)$/.exec(e.path);
    if (!m) continue;
    const [section, ...rest] = m[1]!.split('.');
    const field = rest.length ? `${section}.${rest.join('.')}` : section;
    const id = `${e.language} ${field}: ${e.entry}`;
    (bySource.get(id) ?? bySource.set(id, []).get(id)!).push(key(e));
  }
  const built: Array<{ set: PhraseSet; sources: Map<string, string[]> }> = [];
  const pairs: Array<{ set: PairSet; sources: Map<string, string[]> }> = [];
  for (const [language, g] of Object.entries(config.interest.grammar)) {
    const b = grammarPhrases(language, g);
    const sources = new Map<string, string[]>();
    for (const p of b.interest) sources.set(words(p.phrase).join(' '), p.sources);
    built.push({ set: new PhraseSet(b.interest.map((p) => p.phrase)), sources });
    for (const spec of [...b.pairs, ...b.attending, ...b.refusals, ...b.otherSenses]) {
      const s = new Map<string, string[]>();
      for (const p of [...spec.first, ...spec.second]) s.set(words(p.phrase).join(' '), p.sources);
      pairs.push({ set: new PairSet(spec), sources: s });
    }
  }
  const used = new Set<string>();
  const mark = (sources: readonly string[] | undefined) => {
    for (const src of sources ?? []) {
      // "es imperatives.stems.ar: apunt" names the file entry at interest.grammar.imperatives.stems.ar
      const fixed = src.replace(/^(\S+) imperatives\.stems\.(\w+): /, '$1 imperatives.stems.$2: ');
      for (const k of bySource.get(fixed) ?? []) used.add(k);
    }
  };
  for (const text of texts) {
    const w = words(text);
    for (const set of plain.scan(w)?.hitSets ?? []) for (const k of byPhrase.get(plainKeys[set]!) ?? []) used.add(k);
    // Every word alone too, so a shorter entry inside a longer one still counts.
    for (const x of new Set(w)) for (const k of byPhrase.get(x) ?? []) used.add(k);
    for (const x of new Set(w)) for (const [p, ks] of byPrefix) if (x.startsWith(p)) for (const k of ks) used.add(k);
    for (const b of built) for (const hit of b.set.find(w)) mark(b.sources.get(hit.phrase));
    for (const p of pairs)
      for (const hit of p.set.find(w)) for (const part of hit.phrase.split(' … ')) mark(p.sources.get(part));
  }
  return used;
}

/** The texts of labelled sets: reply texts, and proposal posts (with their titles, `titles`). */
function textsOf(sets: readonly SetEntry[], kind: 'replies' | 'proposals', titles = false): string[] {
  return kind === 'replies'
    ? sets.flatMap((s) => labelledReplies(setPath(s)).map((r) => r.text))
    : sets.flatMap((s) =>
        labelledProposals(setPath(s)).flatMap((p) => (titles && p.title !== '' ? [p.title, p.post] : [p.post])),
      );
}

/**
 * The texts of the labelled sets of a role; with `titles`, the proposals' titles too, which
 * entries of config/ are read in, though too short and alike to be compared as duplicates.
 */
export function setTexts(role: SetEntry['role'], titles = false): string[] {
  const sets = labelledSets();
  return [
    ...textsOf(
      sets.replies.filter((s) => s.role === role),
      'replies',
    ),
    ...textsOf(
      sets.proposals.filter((s) => s.role === role),
      'proposals',
      titles,
    ),
  ];
}

/** Entries of config/ that `evaluation` texts use and no `seen` text does. */
export function entriesOnlyIn(
  evaluation: readonly string[],
  seen: readonly string[],
  entries = languageEntries(),
): ConfigEntry[] {
  const inEvaluation = usedEntries(evaluation, entries);
  const elsewhere = usedEntries(seen, entries);
  return entries.filter((e) => {
    const k = `${e.file}\u0000${e.path}\u0000${e.entry}`;
    return inEvaluation.has(k) && !elsewhere.has(k);
  });
}

/** The file's text as the commit that added an evaluation set had it; null where it did not exist. */
function atCommit(commit: string, file: string): string | null {
  try {
    return execFileSync('git', ['show', `${commit}:${file}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

/** Where an entry stands, as a key: the same entry at the same place in the same file. */
const entryKey = (e: ConfigEntry) => `${e.file}\u0000${e.path}\u0000${e.entry}`;

/**
 * Entries of config/ added after an evaluation set was committed that its rows use and no
 * hand-labelled tuning row does (npm run check:evaluation): they were added for it. An entry
 * older than the set cannot have been. Each evaluation set names the commit that added it
 * (`addedIn` in sets.json), and git has the language files as they were then.
 */
export function evaluationOnlyEntries(): ConfigEntry[] {
  const sets = labelledSets();
  const tuning = setTexts('tuning', true);
  const evaluation = [...sets.replies, ...sets.proposals].filter((s) => s.role === 'evaluation');
  const out: ConfigEntry[] = [];
  for (const set of evaluation) {
    if (!set.addedIn) throw new Error(`${set.file}: an evaluation set names the commit that added it (addedIn)`);
    const before = new Set<string>();
    for (const language of LANGUAGES) {
      const file = join(LANGUAGE_DIR, language, 'reading.json');
      const old = atCommit(set.addedIn, file);
      if (old === null && atCommit(set.addedIn, 'package.json') === null)
        throw new Error(`git does not have commit ${set.addedIn}: run the check in a clone with its history`);
      if (old !== null) for (const e of entriesOf(file, language, JSON.parse(old))) before.add(entryKey(e));
    }
    const rows = textsOf([set], sets.replies.includes(set) ? 'replies' : 'proposals', true);
    const added = languageEntries().filter((e) => !before.has(entryKey(e)));
    out.push(...entriesOnlyIn(rows, tuning, added));
  }
  return out;
}

/**
 * Character trigrams of a text, normalised: case, accents, punctuation and spacing do not count,
 * nor an emoji's skin tone or gender; the emoji themselves do, so replies of an emoji alone differ.
 */
export function trigrams(text: string): Set<string> {
  const bare = normalise(text).replace(/(?:[\u{1F3FB}-\u{1F3FF}]|\u200D|\uFE0F|\u2640|\u2642)/gu, '');
  const plain = ` ${bare.match(/[\p{L}\p{N}']+|\p{Extended_Pictographic}/gu)?.join(' ') ?? ''} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= plain.length; i++) out.add(plain.slice(i, i + 3));
  return out;
}

/** How near two texts are: the Jaccard index of their trigrams. */
export function nearness(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** A text from `near` is a near-duplicate of one in `of` from this nearness on. */
export const NEAR_DUPLICATE = 0.8;

/**
 * Each text of `texts` with its nearest text in `among`, where they are near-duplicates. An
 * index from trigram to texts finds the candidates: only texts sharing trigrams are compared.
 */
export function nearDuplicates(
  texts: readonly string[],
  among: readonly string[],
): Array<{ text: string; near: string; nearness: number }> {
  const grams = among.map(trigrams);
  const index = new Map<string, number[]>();
  grams.forEach((g, i) => {
    for (const t of g) (index.get(t) ?? index.set(t, []).get(t)!).push(i);
  });
  const out: Array<{ text: string; near: string; nearness: number }> = [];
  for (const text of texts) {
    const g = trigrams(text);
    const shared = new Map<number, number>();
    for (const t of g) for (const i of index.get(t) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    let best = { i: -1, nearness: 0 };
    for (const [i, n] of shared) {
      const j = n / (g.size + grams[i]!.size - n);
      if (j > best.nearness) best = { i, nearness: j };
    }
    if (best.nearness >= NEAR_DUPLICATE) out.push({ text, near: among[best.i]!, nearness: best.nearness });
  }
  return out;
}
