import type { Grammar } from '../config/language-file.js';
import { PhraseSet, words, type Hit } from '../words/text.js';

/**
 * The phrases a language's paradigms stand for, built once when the rules are compiled:
 * imperative forms with their clitics ("apunta" + "me" → "apúntame"), "me too" in both
 * word orders. Each phrase keeps where it came from, so a check can say which entry of
 * config/ a text used.
 */
export interface BuiltPhrase {
  phrase: string;
  /** The entries it was built from, e.g. "es imperatives.stems.ar: apunt". */
  sources: string[];
}

/** Imperative forms: the listed ones, then each stem with each ending of its class. */
export function imperativeForms(g: NonNullable<Grammar['imperatives']>): Array<{ form: string; source: string }> {
  const out = g.forms.map((form) => ({ form, source: `imperatives.forms: ${form}` }));
  for (const [cls, stems] of Object.entries(g.stems))
    for (const stem of stems)
      for (const ending of g.endings[cls] ?? [])
        out.push({ form: `${stem}${ending}`, source: `imperatives.stems.${cls}: ${stem}` });
  return out;
}

/** Phrases of one language's grammar that are read as written (joined clitics, "me too" forms, "see you"). */
export function grammarPhrases(
  language: string,
  g: Grammar,
): {
  interest: BuiltPhrase[];
  pairs: PairSpec[];
  attending: PairSpec[];
  refusals: PairSpec[];
  otherSenses: PairSpec[];
} {
  const src = (s: string) => `${language} ${s}`;
  // Each entry of a list as a phrase that names where it stands: "de countOn.verbs: zählen".
  const listed = (list: readonly string[], at: string): BuiltPhrase[] =>
    list.map((phrase) => ({ phrase, sources: [src(`${at}: ${phrase}`)] }));
  const interest: BuiltPhrase[] = [];
  const refusals: PairSpec[] = (g.refusalPairs ?? []).map((p, i) => ({
    first: listed(p.verbs, `refusalPairs.${i}.verbs`),
    second: listed(p.objects, `refusalPairs.${i}.objects`),
    window: 4,
    either: true,
  }));
  const pairs: PairSpec[] = [];
  const attending: PairSpec[] = [];
  if (g.imperatives) {
    const forms = imperativeForms(g.imperatives);
    for (const attach of g.imperatives.attach) {
      if (attach === 'word') {
        pairs.push({
          first: forms.map((f) => ({ phrase: f.form, sources: [src(f.source)] })),
          second: listed(g.imperatives.objects, 'imperatives.objects'),
          window: 2,
          either: false,
        });
        continue;
      }
      for (const f of forms)
        for (const o of g.imperatives.objects) {
          const phrase =
            attach === 'suffix' ? `${f.form}${o}` : attach === 'hyphen' ? `${f.form}-${o}` : `${o} ${f.form}`;
          interest.push({ phrase, sources: [src(f.source), src(`imperatives.objects: ${o}`)] });
        }
    }
  }
  if (g.countOn)
    pairs.push({
      first: listed(g.countOn.verbs, 'countOn.verbs'),
      second: listed(g.countOn.objects, 'countOn.objects'),
      // Room for a negation and its adverbs: "reken toch maar niet op mij".
      window: 4,
      either: true,
    });
  if (g.additive)
    for (const p of g.additive.pronouns)
      for (const a of g.additive.particles) {
        const sources = [src(`additive.pronouns: ${p}`), src(`additive.particles: ${a}`)];
        interest.push({ phrase: `${p} ${a} $`, sources }, { phrase: `${a} ${p} $`, sources });
      }
  interest.push(...listed(g.seeYou ?? [], 'seeYou'));
  if (g.separable)
    attending.push({
      first: listed(g.separable.verbs, 'separable.verbs'),
      second: listed(g.separable.particles, 'separable.particles'),
      window: 4,
      either: false,
    });
  const otherSenses: PairSpec[] = [];
  if (g.otherSenses)
    otherSenses.push({
      first: listed(g.otherSenses.verbs, 'otherSenses.verbs'),
      second: listed(g.otherSenses.particles, 'otherSenses.particles'),
      window: 5,
      either: false,
    });
  if (g.origins)
    otherSenses.push({
      first: listed(g.origins.verbs, 'origins.verbs'),
      second: listed(g.origins.particles, 'origins.particles'),
      window: 2,
      either: false,
    });
  return { interest, pairs, attending, refusals, otherSenses };
}

export interface PairSpec {
  first: BuiltPhrase[];
  second: BuiltPhrase[];
  /** How many words may stand between the end of one and the start of the other, plus one. */
  window: number;
  /** The second may also come first ("auf mich kannst du zählen"). */
  either: boolean;
}

/** Two phrase sets read as one: a verb and its object close together. */
export class PairSet {
  private readonly first: PhraseSet;
  private readonly second: PhraseSet;
  constructor(
    private readonly spec: PairSpec,
    readonly window = spec.window,
    readonly either = spec.either,
  ) {
    this.first = new PhraseSet(spec.first.map((p) => p.phrase));
    this.second = new PhraseSet(spec.second.map((p) => p.phrase));
  }

  /** Each verb with the nearest object in reach, as one hit spanning both. Linear in the text. */
  find(w: readonly string[]): Hit[] {
    return this.join(this.first.find(w), this.second.find(w));
  }

  /** The phrases each half stands for, to be found in one pass with others (PhraseIndex). */
  halves(): [string[], string[]] {
    return [this.spec.first.map((p) => p.phrase), this.spec.second.map((p) => p.phrase)];
  }

  /** Pairs of hits of the two halves, both in text order: each first with the nearest second in reach. */
  join(firsts: readonly Hit[], seconds: readonly Hit[]): Hit[] {
    if (firsts.length === 0 || seconds.length === 0) return [];
    const hits: Hit[] = [];
    let k = 0;
    for (const f of firsts) {
      const end = f.at + f.length;
      while (k < seconds.length && seconds[k]!.at < f.at - this.window - 3) k++;
      for (let j = k; j < seconds.length && seconds[j]!.at <= end + this.window - 1; j++) {
        const s = seconds[j]!;
        if (s.at >= end) {
          hits.push({ at: f.at, length: s.at + s.length - f.at, phrase: `${f.phrase} … ${s.phrase}` });
          break;
        }
        if (this.either && s.at + s.length <= f.at && f.at - (s.at + s.length) < this.window) {
          hits.push({ at: s.at, length: end - s.at, phrase: `${s.phrase} … ${f.phrase}` });
          break;
        }
      }
    }
    return hits;
  }
}

/** Normalised words of a phrase, joined: the form PhraseSet compares. */
export const phraseKey = (phrase: string): string => words(phrase).join(' ');
