import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { ConfigError } from './env.js';

/**
 * The service's texts are each language's messages (config/languages/<code>/messages.json),
 * beside that language's reading lists: a community adds a language by adding one folder.
 * Loaded with the rules (languagesAsConfig puts them at texts.messages) and checked here.
 */
export const BASE_LANGUAGE = 'en';

/** The part of the rules file that the texts are checked against (RulesConfig['texts'] has more). */
export interface TextSettings {
  texts: {
    messages: Readonly<Record<string, unknown>>;
    defaultLanguage: string;
    countryCategories: Readonly<Record<string, { language?: string | undefined }>>;
  };
}

/** One language's messages: a dotted key ("status.title") to an ICU message. */
export type Messages = Readonly<Record<string, string>>;

/** Every language the service can write: the "texts" of the language files (config/locales.ts). */
export interface Catalog {
  /** The language every other file is checked against and falls back to (English). */
  readonly base: string;
  readonly messages: ReadonlyMap<string, Messages>;
}

/** The key of each file that names its Intl locale; the file name is the language. */
export const LOCALE_KEY = 'meta.locale';

export interface LocaleCatalog extends Catalog {
  /** Per language, the base language's keys its texts lack: those are written in English. */
  readonly missing: Readonly<Record<string, string[]>>;
}

/** Where a language's texts come from, as a person finds them. */
function whereOf(language: string): string {
  return `the messages of language ${language} (languages/${language}/messages.json, or texts.messages.${language} in the rules file)`;
}

/**
 * The community's names (rules file, `community` and `forum`), passed to every message in
 * every language: a text says "{community}" where the default texts said "Mautic".
 */
export const SHARED_ARGUMENTS = ['community', 'portal', 'watchedCategory', 'meetupsCategory'] as const;

export interface CatalogSources {
  /**
   * The English messages as the language files give them, before a rules file replaces
   * any: what the code passes to each message, whatever the English message says.
   */
  passed?: unknown;
  /** The file a language's message was read from, to name it in an error. */
  fileOf?: (language: string, key: string) => string | undefined;
}

/**
 * Every language's texts as one catalog. Each language is checked against English: the
 * same keys (a missing one falls back to English and is listed in `missing`; an unknown
 * one is a typo and refused), ICU messages that parse, and no argument the English message
 * does not pass.
 */
export function buildCatalog(texts: Readonly<Record<string, unknown>>, sources: CatalogSources = {}): LocaleCatalog {
  const base = texts[BASE_LANGUAGE];
  if (base === undefined)
    throw new ConfigError(
      `texts: English (languages/${BASE_LANGUAGE}/messages.json) has no messages; every language falls back to them`,
    );
  const flatBase = flatten(base, whereOf(BASE_LANGUAGE));
  const baseLocale = localeOf(flatBase, BASE_LANGUAGE);
  // What the code passes: the files' English, else (a rules object built in code) the English itself.
  const flatPassed = sources.passed === undefined ? flatBase : flatten(sources.passed, whereOf(BASE_LANGUAGE));
  const passed = new Map<string, Set<string>>();
  for (const [key, message] of Object.entries(flatPassed))
    if (typeof message === 'string') {
      try {
        passed.set(key, new Set([...argumentsOf(message, baseLocale), ...SHARED_ARGUMENTS].sort()));
      } catch {
        // Not ICU: the English check below names it.
      }
    }
  const check = (language: string, flat: Record<string, unknown>, schema: z.ZodType) =>
    parseTexts(schema, flat, language, passed, sources.fileOf);
  const baseMessages = check(
    BASE_LANGUAGE,
    flatBase,
    sources.passed === undefined
      ? baseSchema(flatBase, baseLocale, passed)
      : translationSchema(Object.keys(flatPassed), passed, baseLocale, true),
  );
  const messages = new Map<string, Messages>([[BASE_LANGUAGE, baseMessages]]);
  const missing: Record<string, string[]> = {};
  for (const [language, tree] of Object.entries(texts).sort(([a], [b]) => a.localeCompare(b))) {
    if (language === BASE_LANGUAGE) continue;
    const flat = flatten(tree, whereOf(language));
    const parsed = check(
      language,
      flat,
      translationSchema(Object.keys(baseMessages), passed, localeOf(flat, language)),
    );
    messages.set(language, parsed);
    missing[language] = Object.keys(baseMessages).filter((k) => parsed[k] === undefined);
  }
  return { base: BASE_LANGUAGE, messages, missing };
}

/** Nested objects become dotted keys, so a file reads as sections ("status": {"title": …}). */
function flatten(
  data: unknown,
  where: string,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(`${where}${prefix ? ` at ${prefix}` : ''} must be a JSON object`);
  for (const [key, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) flatten(value, where, path, out);
    else out[path] = value;
  }
  return out;
}

function localeOf(data: Record<string, unknown>, language: string): string {
  const tag = data[LOCALE_KEY];
  return typeof tag === 'string' && Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 1 ? tag : language;
}

function icuMessage(locale: string, allowed?: ReadonlySet<string>) {
  return z
    .string()
    .min(1)
    .superRefine((text, ctx) => {
      let names: Set<string>;
      try {
        names = argumentsOf(text, locale);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `not an ICU message (${(err as Error).message})` });
        return;
      }
      const unknown = allowed ? [...names].filter((n) => !allowed.has(n)) : [];
      if (unknown.length > 0)
        ctx.addIssue({ code: 'custom', message: `uses {${unknown.join('}, {')}}`, params: { unknown } });
    });
}

function baseSchema(data: Record<string, unknown>, locale: string, passed: ReadonlyMap<string, Set<string>>) {
  return z.object(Object.fromEntries(Object.keys(data).map((k) => [k, icuMessage(locale, passed.get(k))]))).strict();
}

function translationSchema(
  keys: readonly string[],
  passed: ReadonlyMap<string, Set<string>>,
  locale: string,
  complete = false,
) {
  const shape = Object.fromEntries(
    keys.map((k) => [k, complete ? icuMessage(locale, passed.get(k)) : icuMessage(locale, passed.get(k)).optional()]),
  );
  return z.object(shape).strict();
}

function parseTexts(
  schema: z.ZodType,
  data: Record<string, unknown>,
  language: string,
  passed: ReadonlyMap<string, Set<string>>,
  fileOf: CatalogSources['fileOf'],
): Messages {
  const result = schema.safeParse(data);
  if (result.success) return result.data as Messages;
  let named = false;
  const problems = result.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown keys ${i.keys.join(', ')} (not in the English texts)`;
    const key = i.path.join('.');
    const file = fileOf?.(language, key);
    named ||= file !== undefined;
    const where = file ? ` in ${file}` : '';
    const args = passed.get(key);
    if (i.code === 'custom' && (i.params as { unknown?: string[] } | undefined)?.unknown && args)
      return `${key}${where} ${i.message}, which is not passed to it; ${key} is passed {${[...args].join('}, {')}}. Fix: use only those`;
    return `${key}${where}: ${i.message}`;
  });
  throw new ConfigError(
    `${named ? `the messages of language ${language}` : whereOf(language)}: ${problems.join('; ')}`,
  );
}

interface AstElement {
  value?: unknown;
  options?: Record<string, { value: AstElement[] }>;
  children?: AstElement[];
}

/** The argument names a message uses, in every branch of its selects and plurals. */
function argumentsOf(message: string, locale: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: readonly AstElement[]) => {
    for (const el of elements) {
      // Literals (type 0) and the plural "#" (type 7) carry no name; every argument kind does.
      const type = (el as { type: number }).type;
      if (type !== 0 && type !== 7 && typeof el.value === 'string') names.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as AstElement[]);
  return names;
}

// One catalog per set of texts: the rules object is copied and changed in places, its texts are not.
const catalogs = new WeakMap<object, LocaleCatalog>();

/** The catalog of the rules' texts, built and checked once (with `sources` by loadRulesConfig). */
export function catalogOf(rules: TextSettings, sources?: CatalogSources): LocaleCatalog {
  const texts = rules.texts.messages;
  let catalog = catalogs.get(texts);
  if (!catalog) {
    catalog = buildCatalog(texts, sources);
    catalogs.set(texts, catalog);
  }
  return catalog;
}

/**
 * At start-up: the texts read, and every language the configuration writes in
 * (defaultLanguage, a country category's language) has texts of its own.
 */
export function checkTexts(rules: TextSettings, sources?: CatalogSources): void {
  const catalog = catalogOf(rules, sources);
  const unwritten = (language: string) => !catalog.messages.has(language);
  const problems: string[] = [];
  if (unwritten(rules.texts.defaultLanguage))
    problems.push(
      `texts.defaultLanguage: "${rules.texts.defaultLanguage}" has no messages (languages/<code>/messages.json)`,
    );
  for (const [category, setting] of Object.entries(rules.texts.countryCategories))
    if (setting.language !== undefined && unwritten(setting.language))
      problems.push(
        `texts.countryCategories.${category}.language: "${setting.language}" has no messages (languages/<code>/messages.json)`,
      );
  if (problems.length > 0)
    throw new ConfigError(`${problems.join('; ')} (written today: ${[...catalog.messages.keys()].sort().join(', ')})`);
}
