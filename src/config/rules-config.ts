import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './env.js';
import { checkTexts } from './locales.js';
import {
  cuesSchema,
  grammarSchema,
  readingFileSchema,
  languagesAsConfig,
  messageTreeSchema,
  oneWordList,
  type LanguageFile,
} from './language-file.js';

/** A category named by id, slug or name: operators copy whichever they see in the forum. */
const categoryRef = z.union([z.number().int().positive(), z.string().min(1)]);

const wordsByLanguage = z.record(z.string().min(2).max(8), z.array(z.string().min(1).max(80)));

const oneWordByLanguage = z.record(z.string().min(2).max(8), oneWordList);

/** A language as its file is named (config/languages/de/ is "de"). */
const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'expected a language code such as "de" or "pt-BR"');

/** An IANA time zone that this Node knows, such as "Europe/Berlin". */
const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: (issue) => `"${String(issue.input)}" is no time zone; expected one such as "Europe/Berlin"` },
);

/**
 * config/default.json: everything a community may want to change without code.
 * Defaults make a partial file valid, so another forum's config only names what differs.
 */
export const rulesConfigSchema = z.strictObject({
  forum: z
    .strictObject({
      watchedCategory: categoryRef.default('International - By Country'),
      meetupsCategory: categoryRef.default('Mautic Meetups'),
      proposalTag: z.string().min(1).default('meetup'),
      // Posts by these users never count: the service's own user is added at run time.
      ignoredUsernames: z.array(z.string().min(1)).default(['system', 'discobot']),
      categoryRefreshMinutes: z.number().int().min(1).default(60),
      // Members of these groups (and staff) may approve, reject or reopen a proposal.
      approverGroups: z.array(z.string().min(1)).default(['moderators']),
      // The forum's admin API limit (60 a minute) is shared by every admin key of the site: stay below it.
      requestsPerMinute: z.number().int().min(1).max(600).default(50),
      requestTimeoutSeconds: z.number().min(1).max(120).default(15),
    })
    .prefault({}),
  proposal: z
    .strictObject({
      // A watched topic is a proposal when its title or first post uses one of these.
      keywords: wordsByLanguage.default({}),
      // Or when a sentence of them founds a group: a group word and a founding word ("create a Mautic group").
      groups: wordsByLanguage.default({}),
      founding: wordsByLanguage.default({}),
      // Words of a title of the category's other threads (a call for speakers, a job offer, a one-off event): no proposal.
      others: wordsByLanguage.default({}),
    })
    .prefault({}),
  interest: z
    .strictObject({
      minPeople: z.number().int().min(1).default(2),
      countAuthor: z.boolean().default(true),
      countFirstPostLikes: z.boolean().default(true),
      // Phrases ending in " $" must end their clause ("I'm in $" is not "I'm in Berlin").
      phrases: wordsByLanguage.default({}),
      withdrawals: wordsByLanguage.default({}),
      // Words that, shortly before or after an interest phrase, turn it into "no".
      negators: oneWordByLanguage.default({}),
      // Negators that also follow what they negate ("interessiert mich nicht", "ça ne m'intéresse pas").
      negatorsAfter: oneWordByLanguage.default({}),
      // Words that end a negation's reach ("not sure about the date, but count me in").
      contrast: oneWordByLanguage.default({}),
      // Words or phrases that make what follows in the clause a question, a condition or a hedge
      // ("anyone interested", "if you're interested", "might", "peut-être").
      hypothetical: wordsByLanguage.default({}),
      // The writer saying they will attend, beside the phrases: a writer's word (a pronoun, or a
      // verb form that carries its person) shortly before an attendance word, with no one else between.
      speakers: oneWordByLanguage.default({}),
      others: oneWordByLanguage.default({}),
      attending: wordsByLanguage.default({}),
      // Phrases with an attendance word that do not say one attends ("I come from Dresden",
      // "coming back to this", "join the call"): read as neither, nor any phrase touching them.
      notAttending: wordsByLanguage.default({}),
      // Attendance words that open an infinitive clause after a comma ("Würde mich freuen,
      // teilzunehmen"): the writer is looked for in the clause before the comma too.
      infinitives: wordsByLanguage.default({}),
      // Each language's paradigms (config/languages/<code>/reading.json, interest.grammar).
      grammar: z.record(z.string().min(2).max(8), grammarSchema).default({}),
      // Each language's cue words for the reply reader (interest.cues).
      cues: z.record(z.string().min(2).max(8), cuesSchema).default({}),
    })
    .prefault({}),
  template: z
    .strictObject({
      labels: z
        .strictObject({
          region: z.array(z.string().min(1)).default([]),
          organisers: z.array(z.string().min(1)).default([]),
          venue: z.array(z.string().min(1)).default([]),
          launch: z.array(z.string().min(1)).default([]),
          schedule: z.array(z.string().min(1)).default([]),
          // The venue when the post also labels a town or region, else the region ("Ort").
          place: z.array(z.string().min(1)).default([]),
          // The launch when the value holds a date, the schedule when it holds a monthly day ("Termin").
          when: z.array(z.string().min(1)).default([]),
        })
        .prefault({}),
      maxValueLength: z.number().int().min(20).max(2000).default(300),
    })
    .prefault({}),
  region: z
    .strictObject({
      aliases: z.record(z.string().min(1), z.string().min(1)).default({}),
      // Words of the naming template, stripped before two regions are compared.
      templateWords: z.array(z.string().min(1)).default([]),
      // Country names: a region that is a whole country is blocked.
      countries: z.array(z.string().min(1)).default([]),
      online: z.array(z.string().min(1)).default(['online']),
      // Prepositions of place after a proposal word, for a place named in prose ("a meetup in Leipzig").
      prepositions: z.array(z.string().min(1)).default([]),
      // Prepositions of origin: before a known town in prose, they name the region ("eine Agentur aus Leipzig").
      origins: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  organisers: z
    .strictObject({
      // The user field that holds a member's company; their website's domain is the fallback.
      companyUserField: z.string().min(1).default('company'),
      // Website domains that say nothing about an employer.
      personalDomains: z.array(z.string().min(1)).default([]),
      // Words that name the poster themself in an Organisers line ("Organisers: me and @bob").
      selfWords: z.array(z.string().min(1)).default(['me']),
    })
    .prefault({}),
  venue: z
    .strictObject({
      office: wordsByLanguage.default({}),
      community: wordsByLanguage.default({}),
      bar: wordsByLanguage.default({}),
      // Places whose kind cannot be told from their name (a hotel): an unknown kind, whatever room in them.
      places: wordsByLanguage.default({}),
      // Meeting rooms: an office when nothing else in the venue says which kind it is.
      rooms: wordsByLanguage.default({}),
      // Phrases that make a sentence of the first post about the venue, for the free-text fallback.
      cues: wordsByLanguage.default({}),
      unconfirmed: wordsByLanguage.default({}),
      // Words of a sentence about where the group met before ("we used to meet at the pub"): not the venue.
      history: wordsByLanguage.default({}),
      // Words of a sentence about where someone works ("I work at an agency"): a venue sentence only without a better one.
      work: wordsByLanguage.default({}),
    })
    .prefault({}),
  launchDate: z
    .strictObject({
      minDaysAhead: z.number().int().min(0).default(28),
      // The languages dates and country names are read in: any that Node's Intl (CLDR) knows.
      locales: z.array(languageCode).default(['en']),
      // Words between day, month and year ("5 de marzo de 2027"): from the language files.
      fillers: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  schedule: z
    .strictObject({
      ordinals: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '-1']), z.array(z.string().min(1))).default({}),
      weekdays: z
        .partialRecord(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']), z.array(z.string().min(1)))
        .default({}),
      monthWords: z.array(z.string().min(1)).default(['month']),
      everyWords: z.array(z.string().min(1)).default(['every']),
      /**
       * "dia" in "todo dia 15": the languages that name a day of the month as every + day + number,
       * with no month word. Not English: "every day 15 people come" is no day of the month.
       */
      dayWords: z.array(z.string().min(1)).default([]),
      pmWords: z.array(z.string().min(1)).default(['pm']),
      amWords: z.array(z.string().min(1)).default(['am']),
      // Words after which a number alone is an hour: "alle 19", "às 19", "um 7".
      atWords: z.array(z.string().min(1)).default([]),
      // "Then every first Thursday, same time": the slot takes the launch's time.
      sameTimeWords: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  approval: z
    .strictObject({
      commands: z
        .strictObject({
          approve: z.array(z.string().min(1)).default(['approve']),
          reject: z.array(z.string().min(1)).default(['reject']),
          reopen: z.array(z.string().min(1)).default(['reopen']),
        })
        .prefault({}),
    })
    .prefault({}),
  statusPost: z
    .strictObject({
      // first_post: as soon as the thread reads as a proposal; first_interest: once someone besides the author is interested.
      createWhen: z.enum(['first_post', 'first_interest']).default('first_interest'),
      // A burst of replies within this many seconds makes one edit.
      coalesceSeconds: z.number().min(0).max(3600).default(10),
    })
    .prefault({}),
  category: z
    .strictObject({
      nameTemplate: z
        .string()
        .includes('{region}', { message: 'must contain {region}' })
        .default('Mautic Meetup {region}'),
      onlineNameTemplate: z
        .string()
        .includes('{region}', { message: 'must contain {region}' })
        .default('Mautic Meetup Online ({region})'),
      // Discourse wants hex colours without '#'.
      color: z
        .string()
        .regex(/^[0-9A-Fa-f]{6}$/, 'expected six hex digits without #')
        .default('4E5E9E'),
      textColor: z
        .string()
        .regex(/^[0-9A-Fa-f]{6}$/, 'expected six hex digits without #')
        .default('FFFFFF'),
      slugTemplate: z.string().includes('{region}', { message: 'must contain {region}' }).default('{region}'),
      // Group name -> 1 full, 2 create/reply, 3 read only (Discourse's CategoryGroup.permission_types).
      permissions: z
        .record(z.string().min(1), z.union([z.literal(1), z.literal(2), z.literal(3)]))
        .default({ everyone: 1 }),
    })
    .prefault({}),
  texts: z
    .strictObject({
      // The forum's language: the moderators' messages, and threads whose language cannot be told.
      defaultLanguage: languageCode.default('en'),
      // The meetups' time zone when neither a country category's setting nor its country gives one.
      defaultTimeZone: timeZone.default('UTC'),
      // By country category name, as on the forum: the language its threads are written to in,
      // whatever they are written in, and its meetups' time zone, where the country has several.
      countryCategories: z
        .record(z.string().min(1), z.strictObject({ language: languageCode.optional(), timeZone: timeZone.optional() }))
        .default({}),
      // How long one meetup lasts, for the calendar file.
      meetupMinutes: z.number().int().min(15).max(720).default(120),
      // The About text carries the event markup of Discourse's calendar plugin: only for forums that run it.
      calendarPlugin: z.boolean().default(false),
      // Each language's texts, from the "texts" of its language file; a rules file may replace single messages.
      messages: z.record(languageCode, messageTreeSchema).default({}),
    })
    .prefault({}),
  queue: z
    .strictObject({
      // BullMQ: a job whose worker stops renewing its lock for this long (the process died)
      // is taken up again by another worker; checks run as often.
      stalledSeconds: z.number().min(1).max(600).default(30),
    })
    .prefault({}),
  effects: z
    .strictObject({
      // How long a run holds an effect before another may take it over (after a crash, say).
      // Longer than the slowest forum call with its retries; a takeover always looks on the forum first.
      leaseSeconds: z.number().min(1).max(3600).default(600),
    })
    .prefault({}),
  // Discourse does not retry failed deliveries by default (docs/spec/reliability.md §1):
  // re-read the forum now and then.
  reconcile: z
    .strictObject({
      intervalMinutes: z
        .number()
        .min(1)
        .max(24 * 60)
        .default(15),
      // Pages (30 topics each, most recently bumped first) of the watched tree read each time.
      pages: z.number().int().min(1).max(20).default(1),
      // Threads re-read per run at most: bounds the API cost whatever the forum's state.
      maxThreads: z.number().int().min(1).max(200).default(10),
      // Open proposals re-read per run even if they look unchanged (a missed edit changes no counter).
      openProposalsPerRun: z.number().int().min(0).max(50).default(3),
      // Date-dependent rules (a launch date that passed) are re-evaluated once a day at this UTC hour.
      dailyHourUtc: z.number().int().min(0).max(23).default(3),
    })
    .prefault({}),
});

export type RulesConfig = z.infer<typeof rulesConfigSchema>;

export function parseRulesConfig(data: unknown, source = 'rules configuration'): RulesConfig {
  const result = rulesConfigSchema.safeParse(data);
  if (result.success) return result.data;
  throw new ConfigError(`${source}: ${result.error.issues.map(describeIssue).join('; ')}`);
}

/** A misspelt setting would otherwise be dropped without a word, and its default used. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((k) => `${[...issue.path, k].join('.')}: no such setting`).join('; ');
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

/** Objects merge key by key; arrays and values in `over` replace those in `base`. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over;
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}

function readJsonObject(file: string, chain: readonly string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    const what = chain.length
      ? `${chain.at(-1)} extends ${file}, which cannot be read (${code})`
      : `cannot read ${file} (${code}); point CONFIG_FILE at a JSON rules file such as config/default.json`;
    throw new ConfigError(`CONFIG_FILE: ${what}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`CONFIG_FILE: ${file} is not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(`CONFIG_FILE: ${file} must hold a JSON object`);
  return data as Record<string, unknown>;
}

interface ReadConfig {
  own: Record<string, unknown>;
  /** Language files by language code; a file further down the chain replaces one of the same code. */
  languages: Map<string, LanguageFile>;
}

function readJson(file: string, chain: readonly string[]): ReadConfig {
  const { extends: parent, languages: languageDir, ...own } = readJsonObject(file, chain);
  let base: ReadConfig = { own: {}, languages: new Map() };
  if (parent !== undefined) {
    if (typeof parent !== 'string') throw new ConfigError(`CONFIG_FILE: ${file}: "extends" must be a file path`);
    const parentFile = resolve(dirname(file), parent);
    if (chain.includes(parentFile)) throw new ConfigError(`CONFIG_FILE: ${file} extends itself through ${parentFile}`);
    base = readJson(parentFile, [...chain, file]);
  }
  const languages = new Map(base.languages);
  if (languageDir !== undefined) {
    if (typeof languageDir !== 'string')
      throw new ConfigError(`CONFIG_FILE: ${file}: "languages" must be a folder path`);
    for (const lang of readLanguageDir(resolve(dirname(file), languageDir), file)) languages.set(lang.language, lang);
  }
  return { own: deepMerge(base.own, own) as Record<string, unknown>, languages };
}

/** The two files of a language folder (config/languages/<code>/), either of which may be left out. */
const READING_FILE = 'reading.json';
const MESSAGES_FILE = 'messages.json';

/** Every language folder under `dir`, each read and checked; `from` names the file that points at them. */
export function readLanguageDir(dir: string, from: string): LanguageFile[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`CONFIG_FILE: ${from} names the language folder ${dir}, which cannot be read (${code})`);
  }
  const single = entries.find((e) => e.isFile() && e.name.endsWith('.json'));
  if (single)
    throw new ConfigError(
      `CONFIG_FILE: language file ${join(dir, single.name)}: a language is a folder, ` +
        `${join(dir, single.name.replace(/\.json$/, ''))}/ with ${READING_FILE} and ${MESSAGES_FILE}. Fix: move its lists ` +
        `to ${READING_FILE} and its "texts" to ${MESSAGES_FILE}`,
    );
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((language) => {
      const folder = join(dir, language);
      const readingPath = join(folder, READING_FILE);
      const messagesPath = join(folder, MESSAGES_FILE);
      const out: LanguageFile = { language };
      if (existsSync(readingPath)) {
        const result = readingFileSchema.safeParse(readJsonObject(readingPath, [from]));
        if (!result.success)
          throw new ConfigError(
            `CONFIG_FILE: language file ${readingPath}: ${result.error.issues.map(describeIssue).join('; ')}`,
          );
        Object.assign(out, result.data);
      }
      if (existsSync(messagesPath)) {
        const result = messageTreeSchema.safeParse(readJsonObject(messagesPath, [from]));
        if (!result.success)
          throw new ConfigError(
            `CONFIG_FILE: language file ${messagesPath}: ${result.error.issues.map(describeIssue).join('; ')}`,
          );
        out.texts = result.data;
      }
      return out;
    });
}

/**
 * Reads the rules file. A community's file may start with `"extends": "default.json"`
 * (a path relative to it) and name only what differs: objects merge, lists replace.
 * `"languages": "<folder>"` adds every `<code>.json` in that folder (relative to the file):
 * each language's word lists and grammar. The rules file's own lists replace the merged
 * languages' lists where both give one.
 */
export function loadRulesConfig(file: string): RulesConfig {
  const { own, languages } = readJson(resolve(file), []);
  const rules = parseRulesConfig(deepMerge(languagesAsConfig([...languages.values()]), own), `CONFIG_FILE ${file}`);
  try {
    checkTexts(rules);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`CONFIG_FILE ${file}: ${err.message}`);
    throw err;
  }
  return rules;
}
