import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadRulesConfig } from '../../src/config/rules-config.js';
import { grammarPhrases, PairSet } from '../../src/rules/grammar.js';
import { PhraseIndex, PhraseSet, words } from '../../src/words/text.js';
import { labelledReplies } from './interest-set.js';
import { entryCases, labelCases, scheduleCases } from './generated-cases.js';
import { grammarCases, KIND_CASES } from './kind-cases.js';
import { labelledProposals } from './proposal-set.js';

export interface ConfigEntry {
  file: string;
  path: string;
  entry: string;
}

const LANGUAGE_DIR = 'config/languages';

/** Every string of every language file, with where it stands. */
function languageEntries(): Array<ConfigEntry & { language: string }> {
  const out: Array<ConfigEntry & { language: string }> = [];
  for (const name of readdirSync(LANGUAGE_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const file = join(LANGUAGE_DIR, name);
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const language = String(data.language);
    const walk = (node: unknown, path: string): void => {
      // What the service writes is no word list: the rules never read it.
      if (path === 'texts') return;
      if (typeof node === 'string') {
        if (path !== 'language') out.push({ file, path, entry: node, language });
      } else if (Array.isArray(node)) node.forEach((v) => walk(v, path));
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    };
    walk(data, '');
  }
  return out;
}

/** String literals of the hand-written tests: their table rows. */
function testLiterals(dir = 'test/unit'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testLiterals(path));
    else if (name.endsWith('.ts'))
      for (const m of readFileSync(path, 'utf8').matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g))
        out.push((m[1] ?? m[2] ?? m[3] ?? '').replace(/\\n/g, '\n'));
  }
  return out;
}

/** Which entries a text uses: phrases and words as the rules match them, grammar by the parts it was built from. */
function usedEntries(
  texts: readonly string[],
  entries: ReadonlyArray<ConfigEntry & { language: string }>,
): Set<string> {
  const key = (e: ConfigEntry) => `${e.file}\u0000${e.path}\u0000${e.entry}`;
  const byPhrase = new Map<string, string[]>();
  for (const e of entries) {
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
    for (const b of built) for (const hit of b.set.find(w)) mark(b.sources.get(hit.phrase));
    for (const p of pairs)
      for (const hit of p.set.find(w)) for (const part of hit.phrase.split(' … ')) mark(p.sources.get(part));
  }
  return used;
}

/** Entries of config/ used by blind rows and by nothing else the project holds. */
export function blindOnlyEntries(): ConfigEntry[] {
  const entries = languageEntries();
  const config = loadRulesConfig('config/default.json');
  const blind = [
    ...labelledReplies('test/fixtures/interest/blind.tsv').map((r) => r.text),
    ...labelledProposals('test/fixtures/proposals/blind.jsonl').map((p) => p.post),
  ];
  const seen = [
    ...labelledReplies('test/fixtures/interest/labelled.tsv').map((r) => r.text),
    ...labelledProposals('test/fixtures/proposals/tuning.jsonl').map((p) => p.post),
    ...KIND_CASES.map((c) => c.text),
    ...grammarCases(config).flatMap((c) => [c.yes, c.no]),
    ...testLiterals(),
    ...labelCases().map((c) => c.line),
    ...scheduleCases().map((c) => c.text),
    ...entryCases().map((c) => c.text),
  ];
  const inBlind = usedEntries(blind, entries);
  const elsewhere = usedEntries(seen, entries);
  return entries.filter((e) => {
    const k = `${e.file}\u0000${e.path}\u0000${e.entry}`;
    return inBlind.has(k) && !elsewhere.has(k);
  });
}
