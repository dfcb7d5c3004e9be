import type { CategoryTree } from '../forum/categories.js';
import { categoryIdOf } from './classify.js';
import type { Observation } from './payloads.js';

/**
 * Where a category stands for the service: in the watched tree, in a meetup's category,
 * outside both, or not in the tree the service knows (a category made since it was read,
 * or no tree yet).
 */
export type Scope = 'watched' | 'meetups' | 'outside' | 'unknown';

export function scopeOf(categoryId: number | null, tree: CategoryTree | null): Scope {
  if (!tree || categoryId === null) return 'unknown';
  if (tree.watched.has(categoryId)) return 'watched';
  // A meetup's category: its topics and posts are the group's activity.
  if (tree.meetupOf.has(categoryId)) return 'meetups';
  return tree.known.has(categoryId) ? 'outside' : 'unknown';
}

/**
 * The one check of "is this in the watched category tree", for the receiver, the
 * delivery handler and withdrawal alike (docs/spec/rules.md, "Which threads are proposals").
 */
export function inScope(observation: Observation, tree: CategoryTree): boolean {
  return scopeOf(categoryIdOf(observation), tree) === 'watched';
}
