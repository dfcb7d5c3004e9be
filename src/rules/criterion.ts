/** A criterion's verdict (docs/spec/rules.md, "The six criteria"). */
export type CriterionStatus = 'met' | 'warning' | 'missing' | 'blocked';

/**
 * One criterion as read from a thread: its status, why (a code and its parameters, which the
 * texts put into words in each language: texts/criteria.ts), the posts it was read from, and
 * its value. Stored with the proposal, so reason codes are only ever added, never renamed.
 */
export interface Criterion<V, R> {
  status: CriterionStatus;
  reason: R;
  posts: number[];
  value?: V;
}

/** A detail as it was given: its text and the post it stands in. */
export interface GivenField {
  value: string;
  post: number;
}
