/**
 * npm run docs:config: writes docs/configuration.md from the rules file's schema
 * (src/config/rules-config.ts): every setting with its type, its default and what it means
 * (the schema's descriptions). test/unit/configuration-doc.test.ts fails while the page is
 * not what this writes, so a setting added without a description, or a page edited by hand,
 * is caught.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import { languagesAsConfig } from '../src/config/language-file.js';
import { readLanguageDir, rulesConfigSchema } from '../src/config/rules-config.js';

export const PAGE = 'docs/configuration.md';

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  const?: unknown;
}

/** An object keyed by language code ("de", "pt-BR"): its keys' schema is the language code's or the lists' (2 to 8 letters). */
function byLanguage(node: JsonSchema): boolean {
  const names = node.propertyNames;
  return node.type === 'object' && !!names && (names.maxLength === 8 || !!names.pattern?.startsWith('^[a-z]{2,3}'));
}

/** A section of the file: an object of named settings (a strict object), as opposed to a setting whose value is an object. */
function isSection(node: JsonSchema): boolean {
  return node.type === 'object' && node.properties !== undefined && node.additionalProperties === false;
}

/** Every setting below `node`, by its dotted path, sections opened. */
export function settings(node: JsonSchema, prefix = ''): Array<{ path: string; node: JsonSchema }> {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isSection(child) && child.description === undefined ? settings(child, path) : [{ path, node: child }];
  });
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function range(node: JsonSchema): string {
  const min = node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : undefined);
  const max = node.maximum !== undefined && node.maximum < MAX_SAFE ? node.maximum : undefined;
  if (min !== undefined && max !== undefined) return ` ${min} to ${max}`;
  if (min !== undefined) return ` ${min} or more`;
  return max !== undefined ? ` up to ${max}` : '';
}

/** A value's type in words. */
export function typeOf(node: JsonSchema): string {
  if (node.anyOf) {
    const kinds = node.anyOf.map(typeOf);
    if (node.anyOf.every((n) => n.const !== undefined)) return kinds.join(', ').replace(/, ([^,]*)$/, ' or $1');
    // A category by id, slug or name.
    if (kinds.length === 2 && kinds[0]!.startsWith('whole number') && kinds[1] === 'text') return 'id or text';
    return kinds.join(', or ');
  }
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' or ');
  switch (node.type) {
    case 'null':
      return '`null`';
    case 'boolean':
      return '`true` or `false`';
    case 'integer':
      return `whole number${range(node)}`;
    case 'number':
      return `number${range(node)}`;
    case 'string':
      return node.maxLength !== undefined ? `text of up to ${node.maxLength} characters` : 'text';
    case 'array':
      return `list of ${plural(typeOf({ ...node.items, maxLength: undefined }))}`;
    case 'object': {
      if (node.properties && node.additionalProperties === false) {
        const keys = Object.keys(node.properties).map((k) => `\`${k}\``);
        return keys.length <= 3 ? `object with ${keys.join(' and ')}` : `object of ${keys.length} named parts`;
      }
      const value = typeof node.additionalProperties === 'object' ? typeOf(node.additionalProperties) : 'anything';
      const keys = node.propertyNames?.enum
        ? node.propertyNames.enum.map((k) => `\`${String(k)}\``).join(', ')
        : byLanguage(node)
          ? 'a language code'
          : 'a name';
      return `object: ${keys} → ${value}`;
    }
    default:
      return 'anything';
  }
}

function plural(kind: string): string {
  if (kind === 'text') return 'texts';
  if (kind.startsWith('list of')) return `lists (${kind})`;
  return kind.startsWith('object') ? `objects (${kind})` : `${kind}s`;
}

const SHORT = 70;

/** A value as the file holds it, or a word about it where it is too long for a line. */
function shown(value: unknown): string {
  const json = JSON.stringify(value);
  if (json.length <= SHORT) return `\`${json}\``;
  if (Array.isArray(value)) return `${value.length} entries in config/default.json`;
  return `${Object.keys(value as object).length} entries in config/default.json`;
}

function at(root: unknown, path: string): unknown {
  let node = root;
  for (const k of path.split('.'))
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
  return node;
}

/** The default a community's file gets: config/default.json's value, the language folders' lists, else the schema's. */
function defaultOf(path: string, node: JsonSchema, shipped: unknown, fromLanguages: unknown): string {
  const inFile = at(shipped, path);
  if (inFile !== undefined) return shown(inFile);
  if (at(fromLanguages, path) !== undefined) return 'from the language folders';
  return node.default === undefined ? 'none (required)' : shown(node.default);
}

/** The page, formatted as `npm run format` leaves it. */
export async function configurationDoc(): Promise<string> {
  const schema = z.toJSONSchema(rulesConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const shipped = JSON.parse(readFileSync('config/default.json', 'utf8')) as unknown;
  const fromLanguages = languagesAsConfig(readLanguageDir(join('config', 'languages'), 'config/default.json'));
  const undescribed: string[] = [];
  const lines = [
    '# Configuration: the rules file',
    '',
    '<!-- Written by `npm run docs:config` from the schema in src/config/rules-config.ts: change the descriptions there. -->',
    '',
    'The rules file (`CONFIG_FILE`, `config/default.json` unless set) holds what a community may change without',
    'code. The environment variables are in the [README](../README.md#configuration). A file names only what',
    'differs from what it extends: objects merge key by key, lists and values replace. A setting the service does',
    'not know stops start-up with one line naming it.',
    '',
    'Each setting: its type, the value a community file that extends `default.json` starts from, and what it',
    'means. A setting marked "per language" is an object by language code; the language folders',
    '(`config/languages/<code>/reading.json`) fill the word lists, and a list named in the rules file replaces',
    "that language's list.",
    '',
    '## The file',
    '',
    '- `extends` (text; none): the file this one builds on. A bare name such as `"default.json"` is a file of this',
    "  package's `config/` folder, wherever this file is; a path (`./base.json`, `../shared/rules.json`) is taken",
    '  relative to this file.',
    '- `languages` (text; `"languages"` in config/default.json): a folder, relative to this file, whose',
    '  subfolders are languages (`<code>/reading.json`, `<code>/messages.json`), added to those of the files it',
    '  extends.',
  ];
  for (const [section, node] of Object.entries(schema.properties ?? {})) {
    lines.push('', `## \`${section}\``, '');
    for (const s of settings(node, section)) {
      if (!s.node.description) undescribed.push(s.path);
      const perLanguage = byLanguage(s.node);
      const type = perLanguage ? `per language: ${typeOf(s.node.additionalProperties as JsonSchema)}` : typeOf(s.node);
      lines.push(
        `- \`${s.path}\` (${type}; ${defaultOf(s.path, s.node, shipped, fromLanguages)}): ${s.node.description ?? ''}`,
      );
    }
  }
  if (undescribed.length > 0)
    throw new Error(
      `settings without a description (.describe() in src/config/rules-config.ts): ${undescribed.join(', ')}`,
    );
  const text = `${lines.join('\n')}\n`;
  return format(text, { ...(await resolveConfig(PAGE)), filepath: PAGE });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(PAGE, await configurationDoc());
  console.log(`wrote ${PAGE}`);
}
