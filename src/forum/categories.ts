import type { RulesConfig } from '../config/rules-config.js';
import type { CategoryInfo } from './client.js';

export interface CategoryTree {
  watchedRoot: CategoryInfo;
  /** The watched category and all its descendants (the per-country subcategories). */
  watched: ReadonlySet<number>;
  meetupsRoot: CategoryInfo | null;
  /** Existing subcategories of the meetups category: the meetups that already exist. */
  meetups: CategoryInfo[];
  /** Each category under a meetup (itself included), to that meetup's category id: where activity counts. */
  meetupOf: ReadonlyMap<number, number>;
  /** Direct subcategories of the watched category: the per-country ones. */
  countries: CategoryInfo[];
  /** Each category inside a per-country one (itself included), to its country category. */
  countryOf: ReadonlyMap<number, CategoryInfo>;
  /** Every category the forum showed, watched or not. */
  known: ReadonlySet<number>;
}

export class CategoryNotFoundError extends Error {
  override name = 'CategoryNotFoundError';
}

/** Finds a category by id, slug or name (any case): operators copy whichever the forum shows them. */
export function findCategory(all: readonly CategoryInfo[], ref: number | string): CategoryInfo | undefined {
  if (typeof ref === 'number') return all.find((c) => c.id === ref);
  const wanted = ref.trim().toLowerCase();
  return all.find((c) => c.slug.toLowerCase() === wanted) ?? all.find((c) => c.name.trim().toLowerCase() === wanted);
}

function descendantsOf(all: readonly CategoryInfo[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  // Discourse nests at most a few levels; repeat until no category joins the set.
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of all) {
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

export function resolveTree(all: readonly CategoryInfo[], forum: RulesConfig['forum']): CategoryTree {
  const watchedRoot = findCategory(all, forum.watchedCategory);
  if (!watchedRoot) {
    throw new CategoryNotFoundError(
      `watched category "${forum.watchedCategory}" is not on the forum; set forum.watchedCategory in the rules file to its id, slug or name`,
    );
  }
  const meetupsRoot = findCategory(all, forum.meetupsCategory) ?? null;
  const countries = all.filter((c) => c.parentId === watchedRoot.id);
  const meetups = meetupsRoot ? all.filter((c) => c.parentId === meetupsRoot.id) : [];
  const meetupOf = new Map<number, number>();
  for (const m of meetups) for (const id of descendantsOf(all, m.id)) meetupOf.set(id, m.id);
  const countryOf = new Map<number, CategoryInfo>();
  for (const country of countries) for (const id of descendantsOf(all, country.id)) countryOf.set(id, country);
  return {
    watchedRoot,
    watched: descendantsOf(all, watchedRoot.id),
    meetupsRoot,
    meetups,
    meetupOf,
    countries,
    countryOf,
    known: new Set(all.map((c) => c.id)),
  };
}

/**
 * The forum's category tree, read from the forum and kept for an hour (or until a
 * category event says it changed). Concurrent callers share one request.
 */
export class CategoryDirectory {
  private current: { tree: CategoryTree; at: number } | null = null;
  private inFlight: Promise<CategoryTree> | null = null;

  constructor(
    private readonly load: () => Promise<CategoryInfo[]>,
    private readonly forum: RulesConfig['forum'],
    private readonly clock: () => number = Date.now,
  ) {}

  /** The tree if it is already known, without asking the forum. */
  cached(): CategoryTree | null {
    return this.current?.tree ?? null;
  }

  invalidate(): void {
    if (this.current) this.current = { ...this.current, at: -Infinity };
  }

  /**
   * Reads the tree now, in the background, so that the receiver knows it from the first
   * delivery (at start) or right after a category changed. A failed read is reported
   * and leaves the last tree in place; the next caller of `tree()` tries again.
   */
  warm(onError: (err: unknown) => void): void {
    this.tree().catch(onError);
  }

  async tree(): Promise<CategoryTree> {
    const maxAge = this.forum.categoryRefreshMinutes * 60_000;
    if (this.current && this.clock() - this.current.at < maxAge) return this.current.tree;
    this.inFlight ??= this.load()
      .then((all) => {
        const tree = resolveTree(all, this.forum);
        this.current = { tree, at: this.clock() };
        return tree;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}

/** A category's address; a subcategory's path holds its parent's slug (docs/spec/discourse-contract.md §6.1). */
export function categoryUrl(
  forumUrl: string,
  c: { id: number; slug: string },
  parent?: { slug: string } | null,
): string {
  return parent ? `${forumUrl}/c/${parent.slug}/${c.slug}/${c.id}` : `${forumUrl}/c/${c.slug}/${c.id}`;
}
