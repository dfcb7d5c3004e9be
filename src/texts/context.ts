import type { RulesConfig } from '../config/rules-config.js';
import type { Catalog } from '../config/locales.js';
import { translator, type Translator } from './catalog.js';

/** What every text needs besides the proposal. Pure data: "now" and the zone are passed in. */
export interface TextContext {
  catalog: Catalog;
  rules: RulesConfig;
  /** The thread's language (resolveThreadLanguage): the status post, the announcement, the About text. */
  language: string;
  /** The meetup's time zone (resolveTimeZone). */
  timeZone: string;
  now: Date;
  /** The meetup's calendar file (GET /meetups/:categoryId.ics), once it has a category and PUBLIC_URL is set. */
  calendarUrl?: string | null;
}

/** The thread's language. */
export function threadWords(ctx: TextContext): Translator {
  return translator(ctx.catalog, ctx.language);
}

/** The forum's language: the moderators' messages. */
export function forumWords(ctx: TextContext): Translator {
  return translator(ctx.catalog, ctx.rules.texts.defaultLanguage);
}

/** A language's name in another: "German", "Deutsch", "allemand". */
export function languageName(language: string, inLocale: string): string {
  return new Intl.DisplayNames([inLocale], { type: 'language' }).of(language) ?? language;
}
