/**
 * npx tsx bench/language.ts: figures for telling a thread's language. Prints, never asserts.
 * Reads the short replies of test/fixtures/interest/labelled.tsv (each with its language),
 * one by one and three of a language joined (an opening post is longer than a reply), with
 * the detector the service uses (tinyld's light model) restricted to the eight languages it
 * writes, and the resident memory each detector adds. eld, franc-min and tinyld's normal
 * model, which were compared with it, are measured too when they are installed
 * (npm install --no-save eld franc-min).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { detectAll } from 'tinyld/light';
import { detectLanguage } from '../src/texts/language.js';
import { labelledReplies, type LabelledReply } from '../test/support/interest-set.js';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl'];
const ISO3: Record<string, string> = {
  en: 'eng',
  de: 'deu',
  fr: 'fra',
  es: 'spa',
  pt: 'por',
  it: 'ita',
  nl: 'nld',
  pl: 'pol',
};

type Detector = (text: string) => string | null;

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;

/** A module, and the resident memory importing it added. */
async function optional(name: string): Promise<{ module: Record<string, unknown>; mb: number } | null> {
  const before = rssMb();
  try {
    const module = (await import(name)) as Record<string, unknown>;
    return { module, mb: rssMb() - before };
  } catch {
    return null;
  }
}

async function detectors(): Promise<Array<[string, Detector]>> {
  const list: Array<[string, Detector]> = [
    ['tinyld light, 8 languages, as the service reads (unsure: no answer)', (t) => detectLanguage(t, LANGUAGES)],
    ['tinyld light, 8 languages, every answer', (t) => detectAll(t, { only: LANGUAGES })[0]?.lang ?? null],
  ];
  for (const size of ['extrasmall', 'small']) {
    const eld = await optional(`eld/${size}`);
    if (!eld) continue;
    const detector = (eld.module.eld as { newInstance(): EldInstance }).newInstance();
    detector.setLanguageSubset(LANGUAGES);
    list.push([`eld ${size} (+${eld.mb.toFixed(0)} MB), 8 languages`, (t) => detector.detect(t).language || null]);
  }
  const franc = await optional('franc-min');
  if (franc) {
    const fromIso3 = Object.fromEntries(Object.entries(ISO3).map(([a, b]) => [b, a]));
    const detect = franc.module.franc as (t: string, o: object) => string;
    list.push([
      `franc-min (+${franc.mb.toFixed(0)} MB), 8 languages`,
      (t) => fromIso3[detect(t, { minLength: 1, only: Object.values(ISO3) })] ?? null,
    ]);
  }
  const tiny = await optional('tinyld');
  if (tiny) {
    const detect = tiny.module.detect as (t: string, o: object) => string;
    list.push([
      `tinyld normal (+${tiny.mb.toFixed(0)} MB), 8 languages`,
      (t) => detect(t, { only: LANGUAGES }) || null,
    ]);
  }
  return list;
}

interface EldInstance {
  setLanguageSubset(languages: string[]): unknown;
  detect(text: string): { language: string };
}

function measure(name: string, detect: Detector, set: ReadonlyArray<Pick<LabelledReply, 'language' | 'text'>>): void {
  const started = performance.now();
  let right = 0;
  let wrong = 0;
  const perLanguage = new Map<string, { right: number; all: number }>();
  for (const r of set) {
    const got = detect(r.text);
    const tally = perLanguage.get(r.language) ?? { right: 0, all: 0 };
    tally.all++;
    if (got === r.language) {
      right++;
      tally.right++;
    } else if (got !== null) wrong++;
    perLanguage.set(r.language, tally);
  }
  const ms = performance.now() - started;
  console.log(
    `  ${name}: ${right}/${set.length} right (${((right / set.length) * 100).toFixed(1)}%), ${wrong} wrong, ${set.length - right - wrong} unanswered, ${(ms / set.length).toFixed(2)} ms each`,
  );
  console.log(`    ${[...perLanguage].map(([l, t]) => `${l} ${t.right}/${t.all}`).join('  ')}`);
}

// Indian English is English: the set labels it apart for the interest figures only.
const replies = labelledReplies().map((r) => ({ ...r, language: r.language.split('-')[0]! }));
const joined: Array<Pick<LabelledReply, 'language' | 'text'>> = [];
for (const language of LANGUAGES) {
  const own = replies.filter((r) => r.language === language);
  for (let i = 0; i + 2 < own.length; i += 3)
    joined.push({
      language,
      text: own
        .slice(i, i + 3)
        .map((r) => r.text)
        .join('\n'),
    });
}

const all = await detectors();
for (const [title, set] of [
  [`${replies.length} single replies`, replies],
  [`${joined.length} texts of three replies of one language`, joined],
] as const) {
  console.log(title);
  for (const [name, detect] of all) measure(name, detect, set);
}
