import type { TextContext } from './context.js';
import { resolveTimeZone } from './time-zone.js';
import { catalogOf } from '../config/locales.js';
import type { RulesConfig } from '../config/rules-config.js';

/**
 * A text context from what a caller knows of a proposal: its thread's language when known
 * (else the forum's); its time zone when known, else one from its country category and
 * region. The texts are the rules' (their language files'), checked once.
 */
export function textContextFor(
  rules: RulesConfig,
  now: Date,
  where: {
    language?: string | null;
    timeZone?: string | null;
    countryCategory?: string | null;
    region?: string | null;
    calendarUrl?: string | null;
    categoryNames?: TextContext['categoryNames'];
  } = {},
): TextContext {
  const catalog = catalogOf(rules);
  const language =
    where.language && catalog.messages.has(where.language) ? where.language : rules.texts.defaultLanguage;
  const timeZone =
    where.timeZone && knownZone(where.timeZone)
      ? where.timeZone
      : resolveTimeZone({ countryCategory: where.countryCategory ?? null, region: where.region ?? null }, rules.texts)
          .timeZone;
  return {
    catalog,
    rules,
    language,
    timeZone,
    now,
    calendarUrl: where.calendarUrl ?? null,
    categoryNames: where.categoryNames ?? null,
  };
}

/** A zone stored with a proposal may be one a later Node no longer knows: then it is resolved again. */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The address of a meetup's calendar file (GET /meetups/:categoryId.ics), when the service has a public address. */
export function calendarUrlOf(
  publicUrl: string | null | undefined,
  categoryId: number | null | undefined,
): string | null {
  return publicUrl && categoryId ? `${publicUrl.replace(/\/+$/, '')}/meetups/${categoryId}.ics` : null;
}
