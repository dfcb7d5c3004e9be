import type { TextContext } from '../texts/context.js';
import { resolveTimeZone } from '../texts/time-zone.js';
import { catalogOf } from './locales.js';
import type { RulesConfig } from './rules-config.js';

/**
 * A text context from what a caller knows of a proposal: its thread's language when known
 * (else the forum's), and its country category and region for the time zone. The texts
 * are the rules' (their language files'), checked once.
 */
export function textContextFor(
  rules: RulesConfig,
  now: Date,
  where: {
    language?: string | null;
    countryCategory?: string | null;
    region?: string | null;
    calendarUrl?: string | null;
  } = {},
): TextContext {
  const catalog = catalogOf(rules);
  const language =
    where.language && catalog.messages.has(where.language) ? where.language : rules.texts.defaultLanguage;
  return {
    catalog,
    rules,
    language,
    timeZone: resolveTimeZone(
      { countryCategory: where.countryCategory ?? null, region: where.region ?? null },
      rules.texts,
    ).timeZone,
    now,
    calendarUrl: where.calendarUrl ?? null,
  };
}
