import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { LOCALE_KEY, type Catalog, type Messages } from '../texts/catalog.js';
import { ConfigError } from './env.js';

/** Where the service's texts live, one file per language: a community adds a language by adding a file. */
export const LOCALES_DIR = 'config/locales';

export const BASE_LANGUAGE = 'en';

const FILE_NAME = /^([a-z]{2,3}(?:-[A-Z]{2})?)\.json$/;

export interface LocaleCatalog extends Catalog {
  /** Per language, the base language's keys its file lacks: those texts are written in English. */
  readonly missing: Readonly<Record<string, string[]>>;
}

/**
 * Reads every `<language>.json` of a folder. Each file is checked against the English
 * one: the same keys (a missing one falls back to English and is listed in `missing`;
 * an unknown one is a typo and refused), ICU messages that parse, and no argument the
 * English message does not pass.
 */
export function loadLocales(dir: string = LOCALES_DIR): LocaleCatalog {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch (err) {
    throw new ConfigError(
      `locales: cannot read the folder ${dir} (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  const raw = new Map<string, Record<string, unknown>>();
  for (const file of files.sort()) {
    const match = FILE_NAME.exec(file);
    if (!match)
      throw new ConfigError(`locales: ${join(dir, file)}: name it <language>.json, e.g. de.json or pt-BR.json`);
    raw.set(match[1]!, flatten(readJson(join(dir, file)), join(dir, file)));
  }
  const base = raw.get(BASE_LANGUAGE);
  if (!base)
    throw new ConfigError(`locales: ${join(dir, `${BASE_LANGUAGE}.json`)} is missing; every language falls back to it`);

  const baseMessages = parseFile(baseSchema(base), base, join(dir, `${BASE_LANGUAGE}.json`));
  const baseArguments = new Map(Object.entries(baseMessages).map(([k, m]) => [k, argumentsOf(m, BASE_LANGUAGE)]));
  const messages = new Map<string, Messages>([[BASE_LANGUAGE, baseMessages]]);
  const missing: Record<string, string[]> = {};
  for (const [language, data] of raw) {
    if (language === BASE_LANGUAGE) continue;
    const file = join(dir, `${language}.json`);
    const parsed = parseFile(translationSchema(baseMessages, baseArguments, localeOf(data, language)), data, file);
    messages.set(language, parsed);
    missing[language] = Object.keys(baseMessages).filter((k) => parsed[k] === undefined);
  }
  return { base: BASE_LANGUAGE, messages, missing };
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`locales: ${file} is not readable JSON (${(err as Error).message})`);
  }
}

/** Nested objects become dotted keys, so a file reads as sections ("status": {"title": …}). */
function flatten(data: unknown, file: string, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(`locales: ${file}${prefix ? ` at ${prefix}` : ''} must hold a JSON object`);
  for (const [key, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) flatten(value, file, path, out);
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

function parseFile(schema: z.ZodType, data: Record<string, unknown>, file: string): Messages {
  const result = schema.safeParse(data);
  if (result.success) return result.data as Messages;
  const problems = result.error.issues.map((i) =>
    i.code === 'unrecognized_keys'
      ? `unknown keys ${i.keys.join(', ')} (not in ${BASE_LANGUAGE}.json)`
      : `${i.path.join('.')}: ${i.message}`,
  );
  throw new ConfigError(`locales: ${basename(file)}: ${problems.join('; ')}`);
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

let builtIn: LocaleCatalog | null = null;

/** The catalog of LOCALES_DIR, read once: the files do not change while the service runs. */
export function builtInLocales(): LocaleCatalog {
  builtIn ??= loadLocales(LOCALES_DIR);
  return builtIn;
}
