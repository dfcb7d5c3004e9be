import { catalogOf } from '../config/locales.js';
import type { RulesConfig } from '../config/rules-config.js';
import type { CategoryTree } from '../forum/categories.js';
import type { CompiledRules } from '../rules/checklist.js';
import type { ThreadPlace } from '../rules/proposal.js';
import type { ThreadView } from '../rules/snapshot.js';
import { languagesOf } from '../texts/catalog.js';
import { proposerText, resolveThreadLanguage } from '../texts/language.js';
import { resolveTimeZone } from '../texts/time-zone.js';

/**
 * The thread's language and the meetup's time zone, from its country category (the
 * watched category's subcategory it is in: config first, then the country's zone) and
 * what the proposer wrote, among the languages the service writes.
 */
export function threadPlace(
  view: ThreadView,
  tree: CategoryTree,
  rules: RulesConfig,
  compiled: Pick<CompiledRules, 'labels'>,
  /** The language the thread is already answered in (it has a status post): not read again. */
  kept: string | null = null,
): ThreadPlace {
  const countryCategory = view.categoryId !== null ? (tree.countryOf.get(view.categoryId)?.name ?? null) : null;
  const language =
    kept ??
    resolveThreadLanguage(
      { text: proposerText(view, compiled.labels), countryCategory },
      rules.texts,
      languagesOf(catalogOf(rules)),
    ).language;
  return {
    language,
    timeZone: (region) => resolveTimeZone({ countryCategory, region }, rules.texts).timeZone,
  };
}
