/**
 * A small forum.mautic.org-like category tree, in the shape of GET /site.json
 * (docs/spec/discourse-contract.md §6.1): International - By Country (55) with Germany (61) and France (62),
 * Mautic Meetups (7) with one existing meetup, and an unrelated category.
 */
export const SITE_CATEGORIES = [
  { id: 4, name: 'Support', slug: 'support', parent_category_id: null },
  { id: 55, name: 'International - By Country', slug: 'international-by-country', parent_category_id: null },
  { id: 61, name: 'Germany', slug: 'germany', parent_category_id: 55 },
  { id: 62, name: 'France', slug: 'france', parent_category_id: 55 },
  { id: 7, name: 'Mautic Meetups', slug: 'mautic-meetups', parent_category_id: null },
  { id: 90, name: 'Mautic Meetup Munich', slug: 'munich', parent_category_id: 7 },
];

/** A category as /site.json shows it: Discourse leaves parent_category_id out of a top-level one. */
export function siteCategory<C extends { parent_category_id: number | null }>(c: C) {
  const { parent_category_id, ...rest } = c;
  return parent_category_id === null ? rest : { ...rest, parent_category_id };
}

export const SITE_JSON = {
  categories: SITE_CATEGORIES.map(siteCategory),
  post_types: { regular: 1, moderator_action: 2, small_action: 3, whisper: 4 },
};
