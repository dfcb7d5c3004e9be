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
  /** The watched and meetups categories' names as the forum shows them, once its category tree was read. */
  categoryNames?: { watched: string; meetups: string | null } | null;
}

/** The thread's language. */
export function threadWords(ctx: TextContext): Translator {
  return translator(ctx.catalog, ctx.language, communityValues(ctx));
}

/** The forum's language: the moderators' messages. */
export function forumWords(ctx: TextContext): Translator {
  return translator(ctx.catalog, ctx.rules.texts.defaultLanguage, communityValues(ctx));
}

/**
 * What every message is passed about the community (SHARED_ARGUMENTS): its name, its
 * portal (a link where it has an address; empty without a portal), and the watched and
 * meetups categories by the names the forum gives them, else as the rules file names them.
 */
export function communityValues(ctx: Pick<TextContext, 'rules' | 'categoryNames'>): Record<string, string> {
  const { community, forum } = ctx.rules;
  const portal = community.portal;
  const named = (ref: string | number) => (typeof ref === 'number' ? `#${ref}` : ref);
  return {
    community: community.name,
    portal: !portal ? '' : portal.url ? `[${portal.name}](${portal.url})` : portal.name,
    watchedCategory: ctx.categoryNames?.watched ?? named(forum.watchedCategory),
    meetupsCategory: ctx.categoryNames?.meetups ?? named(forum.meetupsCategory),
  };
}

/** A language's name in another: "German", "Deutsch", "allemand". */
export function languageName(language: string, inLocale: string): string {
  return new Intl.DisplayNames([inLocale], { type: 'language' }).of(language) ?? language;
}
