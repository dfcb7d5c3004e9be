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
 * Every language's texts as one catalog. Each language is checked against English: the
 * same keys (a missing one falls back to English and is listed in `missing`; an unknown
 * one is a typo and refused), ICU messages that parse, and no argument the English message
 * does not pass.
 */
export function buildCatalog(texts: Readonly<Record<string, unknown>>): LocaleCatalog {
  const base = texts[BASE_LANGUAGE];
  if (base === undefined)
    throw new ConfigError(
      `texts: English (languages/${BASE_LANGUAGE}/messages.json) has no messages; every language falls back to them`,
    );
  const flatBase = flatten(base, whereOf(BASE_LANGUAGE));
  const baseMessages = parseTexts(baseSchema(flatBase), flatBase, BASE_LANGUAGE);
  const baseArguments = new Map(Object.entries(baseMessages).map(([k, m]) => [k, argumentsOf(m, BASE_LANGUAGE)]));
  const messages = new Map<string, Messages>([[BASE_LANGUAGE, baseMessages]]);
  const missing: Record<string, string[]> = {};
  for (const [language, tree] of Object.entries(texts).sort(([a], [b]) => a.localeCompare(b))) {
    if (language === BASE_LANGUAGE) continue;
    const flat = flatten(tree, whereOf(language));
    const parsed = parseTexts(translationSchema(baseMessages, baseArguments, localeOf(flat, language)), flat, language);
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
        ctx.addIssue({
          code: 'custom',
          message: `uses {${unknown.join('}, {')}}, which the English message does not pass`,
        });
    });
}

function baseSchema(data: Record<string, unknown>) {
  const locale = localeOf(data, BASE_LANGUAGE);
  return z.object(Object.fromEntries(Object.keys(data).map((k) => [k, icuMessage(locale)]))).strict();
}

function translationSchema(base: Messages, args: ReadonlyMap<string, Set<string>>, locale: string) {
  const shape = Object.fromEntries(Object.keys(base).map((k) => [k, icuMessage(locale, args.get(k)).optional()]));
  return z.object(shape).strict();
}

function parseTexts(schema: z.ZodType, data: Record<string, unknown>, language: string): Messages {
  const result = schema.safeParse(data);
  if (result.success) return result.data as Messages;
  const problems = result.error.issues.map((i) =>
    i.code === 'unrecognized_keys'
      ? `unknown keys ${i.keys.join(', ')} (not in the English texts)`
      : `${i.path.join('.')}: ${i.message}`,
  );
  throw new ConfigError(`${whereOf(language)}: ${problems.join('; ')}`);
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

/** The catalog of the rules' texts, built and checked once. */
export function catalogOf(rules: TextSettings): LocaleCatalog {
  const texts = rules.texts.messages;
  let catalog = catalogs.get(texts);
  if (!catalog) {
    catalog = buildCatalog(texts);
    catalogs.set(texts, catalog);
  }
  return catalog;
}

/**
 * At start-up: the texts read, and every language the configuration writes in
 * (defaultLanguage, a country category's language) has texts of its own.
 */
export function checkTexts(rules: TextSettings): void {
  const catalog = catalogOf(rules);
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
