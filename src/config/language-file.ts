import { z } from 'zod';
import { words } from '../words/text.js';

/**
 * One language is one folder, config/languages/<code>/: `reading.json` holds the words and
 * grammar the rules read with, `messages.json` what the service writes (i18next's layout: a
 * folder a language, a file a namespace). A community adds a language by adding a folder,
 * and a word by adding it to its list.
 */
const list = z.array(z.string().min(1).max(80));

// Lists read word by word: an entry of two words would put each in the list alone
// ("a lo mejor" made "a" a hedge, and every clause with "a" conditional).
export const oneWordList = z.array(
  z
    .string()
    .min(1)
    .max(80)
    .refine((entry) => words(entry).length === 1, {
      error: (issue) =>
        `"${String(issue.input)}" must be one word (a space, a hyphen or a dot splits words): this list is read word by word`,
    }),
);

const ordinalKey = z.enum(['1', '2', '3', '4', '5', '-1']);
const weekdayKey = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);

const hourKey = z.enum(Array.from({ length: 23 }, (_, i) => String(i + 1)) as [string, ...string[]]);

/**
 * How a language tells the time in words, read with that language's own hour names: English "half
 * six" is 6:30 where Dutch "half zes" is 5:30.
 */
export const clockSchema = z
  .object({
    /** An hour's name → the hour: "seven", "sieben", "siódmej" (Polish says the hour's ordinal). */
    hours: z.partialRecord(hourKey, list),
    /** Before an hour, half an hour after it: "half past", British "half". */
    halfPast: list,
    /** Before an hour, half an hour before it: "halb sieben", "half acht", "wpół do siódmej". */
    halfTo: list,
    /** After an hour, half an hour after it: "siete y media", "sete e meia", "sette e mezza". */
    andHalf: list,
    /** Words after an hour that make it a time: "o'clock", "Uhr", "uur", "h". */
    units: list,
    /** Words between the two ends of a span: "from 7 to 9 pm", "von 19 bis 21 Uhr". */
    until: list,
    /** Twelve o'clock in words, with its preposition: "at noon", "à midi". */
    noon: list,
  })
  .partial()
  .strict();

const attachment = z.enum(['suffix', 'hyphen', 'word', 'before']);

/**
 * How a language says yes, no longer, or cannot, as paradigms: the rules build the phrases
 * from these parts, so a form nobody wrote down is read as well as one somebody did.
 */
export const grammarSchema = z
  .object({
    /**
     * Imperatives asking to be counted ("count me in", "apúntame", "inscris-moi", "zapiszcie mnie"):
     * imperative forms, listed or built from stems and the endings of their conjugation class, with a
     * first-person object attached as the language does: joined to the verb ("suffix"), by a hyphen,
     * as the next word or one after ("word"), or before the verb ("before", "me inscreve").
     */
    imperatives: z
      .object({
        forms: list.default([]),
        stems: z.record(z.string(), list).default({}),
        endings: z.record(z.string(), list).default({}),
        objects: list,
        attach: z.array(attachment).min(1),
      })
      .strict(),
    /** "You can count on me": a verb and its first-person complement, in either order, close together. */
    countOn: z.object({ verbs: list, objects: list }).strict(),
    /** "Me too", "ich auch", "I also": a first-person pronoun and an additive word ending a clause, in either order. */
    additive: z.object({ pronouns: list, particles: list }).strict(),
    /**
     * Separable verbs, read as attending when verb and particle stand close together with the
     * writer as subject: "doe ik ook mee", "komme gerne vorbei".
     */
    separable: z.object({ verbs: list, particles: list }).strict(),
    /**
     * An attendance verb with a particle that gives it another sense, however far apart: "Ik kom er
     * later op terug", "Ich komme gerade aus dem Urlaub zurück". Read as neither, like notAttending.
     */
    otherSenses: z.object({ verbs: list, particles: list }).strict(),
    /**
     * An attendance verb followed at once, or after one word, by a preposition of origin: where
     * the writer is from, not where they go ("Ich komme ursprünglich aus Dresden", "Vengo del CRM").
     */
    origins: z.object({ verbs: list, particles: list }).strict(),
    /**
     * Verbs of stepping back, read as attendance words are: with the writer as their subject they
     * take interest back ("Ich muss leider passen", "I'll sit this one out", "Paso esta vez").
     */
    refusals: list,
    /**
     * A verb and its complement that step back together, in either order ("paso esta vez", "me tengo
     * que borrar", "deze keer sla ik over").
     */
    refusalPairs: z.array(z.object({ verbs: list, objects: list }).strict()),
    /**
     * Words that make someone else the subject of a bare interest word before it ("My colleague is
     * interested", "Mein Kollege hätte Interesse"): third-person verbs, possessives, colleagues.
     */
    thirdPerson: list,
    /** Subject pronouns that follow the verb in a verb-second clause ("Diesmal bin ich dabei", "Dan kom ik"). */
    inversion: list,
    /** Whole answers to the opening question in a short reply: "Me!", "Yes please", "Gerne!". */
    shortAnswers: list,
    /** "See you there", "Bis dann", "Nos vemos allí": said by someone who will be there. */
    seeYou: list,
    /** Verbs of missing: negated they say yes ("wouldn't miss it", "non me lo perdo", "nie przegapię"). */
    miss: list,
    /** Past tenses, irrealis auxiliaries and past time adverbials: interest after them no longer holds. */
    past: list,
    /** Past participles that make what comes just before them past or unrealised ("hätte Interesse gehabt"). */
    pastAfter: list,
    /** Words that open a condition; with a comma, the clause after it is conditional ("Falls es passt, komme ich"). */
    conditional: list,
    /** "Even if": concessive words, which open no condition ("Auch wenn mein Deutsch nicht perfekt ist, …"). */
    concessive: list,
    /** Hedges that take back what they follow closely ("komme ich vielleicht", "je viendrai peut-être"). */
    hedgesAfter: list,
    /** Negators that end their clause however far from the verb ("Leider schaffe ich es an dem Tag nicht"). */
    finalNegators: list,
    /** Auxiliaries that open a clause whose left-out subject is the writer ("Will surely come", "Werde kommen"). */
    proDrop: list,
    /**
     * Wishes in the conditional: followed by a "but", what comes after is why not, and the reply
     * says no ("Ich würde gerne kommen, aber ich bin im Urlaub", "I'd love to, but …").
     */
    wishes: list,
    /** A verb and its subject opening a clause: a question even without its mark ("Kun je ook online meedoen"). */
    questionOpeners: list,
    /**
     * Words of consequence that, with a negation alone, take back what the reply said before:
     * "…, so no", "donc non", "also doch nicht", "więc jednak nie" (with the particles that go with them).
     */
    takeBack: list,
  })
  .partial()
  .strict();

export type Grammar = z.infer<typeof grammarSchema>;

/**
 * Words that tell the reply reader what a reply is about, whatever else it says: meeting
 * online rather than in person ("stream", "per Zoom"), offering something instead of coming
 * (paying a round, lending a room, passing the thread on), hedging ("depends", "on verra"),
 * and someone else ("my colleague", "je la tague"). Each is one feature of the reader's model.
 */
export const cuesSchema = z.object({ online: list, offer: list, hedge: list, others: list }).partial().strict();

export type Cues = z.infer<typeof cuesSchema>;

/** Nested sections of ICU messages ("status": {"heading": …}); their keys and syntax are checked by config/locales.ts. */
export type MessageTree = { [key: string]: string | MessageTree };

export const messageTreeSchema = z.record(z.string().min(1), z.unknown()).superRefine((tree, ctx) => {
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') continue;
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        walk(value as Record<string, unknown>, [...path, key]);
      else
        ctx.addIssue({
          code: 'custom',
          path: [...path, key],
          message: 'expected a message (text) or a section of them',
        });
    }
  };
  walk(tree, []);
}) as unknown as z.ZodType<MessageTree>;

/** config/languages/<code>/reading.json: the lists and grammar the rules read a language with. */
export const readingFileSchema = z
  .object({
    proposal: z.object({ keywords: list, groups: list, founding: list, others: list }).partial().strict().optional(),
    interest: z
      .object({
        phrases: list,
        withdrawals: list,
        negators: oneWordList,
        negatorsAfter: oneWordList,
        contrast: oneWordList,
        hypothetical: list,
        speakers: oneWordList,
        others: oneWordList,
        attending: list,
        notAttending: list,
        infinitives: list,
        grammar: grammarSchema,
        cues: cuesSchema,
      })
      .partial()
      .strict()
      .optional(),
    template: z
      .object({
        labels: z
          .object({
            region: list,
            organisers: list,
            venue: list,
            launch: list,
            schedule: list,
            place: list,
            when: list,
          })
          .partial()
          .strict(),
      })
      .partial()
      .strict()
      .optional(),
    region: z
      .object({
        templateWords: list,
        online: list,
        prepositions: list,
        origins: list,
        titleWords: list,
        nameParticles: list,
        titlePrepositions: list,
        residenceWords: list,
        // Endings of a place name in another case and the nominative's in their stead ("owie" → "ów").
        cases: z.array(
          z
            .object({ prepositions: list, endings: z.array(z.tuple([z.string().min(1).max(20), z.string().max(20)])) })
            .strict(),
        ),
      })
      .partial()
      .strict()
      .optional(),
    organisers: z.object({ selfWords: list }).partial().strict().optional(),
    venue: z
      .object({
        office: list,
        community: list,
        bar: list,
        places: list,
        rooms: list,
        unconfirmed: list,
        cues: list,
        history: list,
        work: list,
      })
      .partial()
      .strict()
      .optional(),
    // Words between day, month and year: "5 de marzo de 2027", "the 5th of March". Month names come from CLDR.
    launchDate: z
      .object({
        fillers: list,
        /** "Next month", "nächsten Monat", "le mois prochain": with a day, that day of the month after now's. */
        nextMonthWords: list,
        /**
         * Words of starting or of the first meeting: in a text with several dates, the launch is the
         * one after them ("the 20th is a Sunday, so we would start on Wednesday 20 January"). An
         * entry ending in "*" is a word's beginning: "commenc*" is "commencerait" too.
         */
        launchWords: list,
        /** Words just before a date that make it a bound of something else: "until", "after", "bis", "jusqu'au". */
        boundWords: list,
        /** "To be confirmed", "rien de fixé": a sentence saying the first date is not set names none. */
        undecidedWords: list,
      })
      .partial()
      .strict()
      .optional(),
    schedule: z
      .object({
        ordinals: z.partialRecord(ordinalKey, list),
        weekdays: z.partialRecord(weekdayKey, list),
        monthWords: list,
        everyWords: list,
        dayWords: list,
        pmWords: list,
        amWords: list,
        atWords: list,
        sameTimeWords: list,
        clock: clockSchema,
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export type ReadingFile = z.infer<typeof readingFileSchema>;

/**
 * One language as loaded: its code (the folder's name), its reading lists, and what the
 * service writes in it (messages.json: ICU messages with the English file's keys, config/locales.ts).
 */
export type LanguageFile = ReadingFile & { language: string; texts?: MessageTree };

type Json = Record<string, unknown>;

/** Lists kept per language in the rules configuration: matching merges them, checks can tell them apart. */
const PER_LANGUAGE: Array<[section: string, key: string]> = [
  ...['keywords', 'groups', 'founding', 'others'].map((k): [string, string] => ['proposal', k]),
  ...['phrases', 'withdrawals', 'negators', 'negatorsAfter', 'contrast', 'hypothetical', 'speakers', 'others']
    .concat(['attending', 'notAttending', 'infinitives', 'grammar', 'cues'])
    .map((k): [string, string] => ['interest', k]),
  ...['office', 'community', 'bar', 'places', 'rooms', 'unconfirmed', 'cues', 'history', 'work'].map(
    (k): [string, string] => ['venue', k],
  ),
  ['schedule', 'clock'],
];

/** Lists the rules read as one: every language's entries one after another. */
const JOINED: string[][] = [
  ...['region', 'organisers', 'venue', 'launch', 'schedule', 'place', 'when'].map((f) => ['template', 'labels', f]),
  ['region', 'templateWords'],
  ['region', 'online'],
  ['region', 'prepositions'],
  ['region', 'origins'],
  ['region', 'titleWords'],
  ['region', 'nameParticles'],
  ['region', 'titlePrepositions'],
  ['region', 'residenceWords'],
  ['region', 'cases'],
  ['organisers', 'selfWords'],
  ['launchDate', 'fillers'],
  ...['nextMonthWords', 'launchWords', 'boundWords', 'undecidedWords'].map((k) => ['launchDate', k]),
  ...['monthWords', 'everyWords', 'dayWords', 'pmWords', 'amWords', 'atWords', 'sameTimeWords'].map((k) => [
    'schedule',
    k,
  ]),
];

const KEYED_JOINED: Array<[section: string, key: string]> = [
  ['schedule', 'ordinals'],
  ['schedule', 'weekdays'],
];

function at(root: Json, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const k of path) node = node && typeof node === 'object' ? (node as Json)[k] : undefined;
  return node;
}

function ensure(root: Json, path: readonly string[]): Json {
  let node = root;
  for (const k of path) node = (node[k] ??= {}) as Json;
  return node;
}

/** The language files as a partial rules configuration, in the shape rulesConfigSchema reads. */
export function languagesAsConfig(files: readonly LanguageFile[]): Json {
  const out: Json = {};
  for (const file of files) {
    const data = file as unknown as Json;
    for (const [section, key] of PER_LANGUAGE) {
      const value = at(data, [section, key]);
      if (value !== undefined) ensure(out, [section, key])[file.language] = value;
    }
    for (const path of JOINED) {
      const value = at(data, path) as string[] | undefined;
      if (value === undefined) continue;
      const parent = ensure(out, path.slice(0, -1));
      const last = path.at(-1)!;
      parent[last] = [...((parent[last] as string[] | undefined) ?? []), ...value];
    }
    for (const [section, key] of KEYED_JOINED) {
      const value = at(data, [section, key]) as Record<string, string[]> | undefined;
      if (value === undefined) continue;
      const target = ensure(out, [section, key]) as Record<string, string[]>;
      for (const [k, v] of Object.entries(value)) target[k] = [...(target[k] ?? []), ...v];
    }
    if (file.texts !== undefined) ensure(out, ['texts', 'messages'])[file.language] = file.texts;
  }
  return out;
}
