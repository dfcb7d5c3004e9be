import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALE_KEY, type Catalog } from '../config/locales.js';

export type MessageValues = Readonly<Record<string, string | number>>;

export interface Translator {
  readonly language: string;
  /** The Intl locale of dates, numbers and plural rules ("en-GB" for English). */
  readonly locale: string;
  t(key: string, values?: MessageValues): string;
}

const compiled = new WeakMap<Catalog, Map<string, IntlMessageFormat>>();

/** The languages a catalog writes. */
export function languagesOf(catalog: Catalog): string[] {
  return [...catalog.messages.keys()].sort();
}

/**
 * Messages of one language, a missing one taken from the base language; `shared` goes to
 * every message (the community's names, SHARED_ARGUMENTS). A key missing
 * in the base too is a mistake in the code, so it throws rather than print the key.
 */
export function translator(catalog: Catalog, language: string, shared: MessageValues = {}): Translator {
  const own = catalog.messages.get(language);
  const base = catalog.messages.get(catalog.base);
  if (!base) throw new Error(`the catalog has no ${catalog.base} messages`);
  const lang = own ? language : catalog.base;
  const messages = own ?? base;
  const locale = messages[LOCALE_KEY] ?? base[LOCALE_KEY] ?? lang;
  let cache = compiled.get(catalog);
  if (!cache) compiled.set(catalog, (cache = new Map<string, IntlMessageFormat>()));
  const formats = cache;
  return {
    language: lang,
    locale,
    t(key, values) {
      const id = `${lang}\u0000${key}`;
      let format = formats.get(id);
      if (!format) {
        const source = messages[key] ?? base[key];
        if (source === undefined) throw new Error(`no message "${key}" in ${catalog.base}`);
        format = new IntlMessageFormat(
          source,
          messages[key] === undefined ? (base[LOCALE_KEY] ?? catalog.base) : locale,
        );
        formats.set(id, format);
      }
      return String(format.format({ ...shared, ...values }));
    },
  };
}
