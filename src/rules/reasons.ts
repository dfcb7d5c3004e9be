import type { MonthlyDay } from './schedule.js';

/**
 * Why a criterion has its status, as a code and its parameters: the texts put it into
 * words in each language, where the English `detail` beside it serves the JSON API.
 * Stored with the proposal, so codes are only ever added, never renamed.
 */
export type InterestReason = { code: 'enough'; count: number } | { code: 'more_needed'; count: number; needed: number };

export type RegionReason =
  | { code: 'missing' }
  | { code: 'online' }
  | { code: 'online_twin'; url: string }
  | { code: 'unreadable' }
  | { code: 'country' }
  | { code: 'covered'; name: string; url: string }
  | { code: 'other_proposal'; url: string }
  | { code: 'clear' };

/** A named organiser who has not confirmed yet; `posted` tells whether a mention of them is allowed. */
export interface WaitingOrganiser {
  username: string;
  posted: boolean;
}

export type OrganisersReason =
  | { code: 'none_named' }
  | { code: 'too_few'; waiting: WaitingOrganiser[] }
  | { code: 'same_company' }
  | { code: 'confirmed' };

export type VenueReason =
  | { code: 'online' }
  | { code: 'missing' }
  | { code: 'bar' }
  | { code: 'mixed' }
  | { code: 'unknown_kind' }
  | { code: 'unconfirmed' }
  | { code: 'confirmed'; kind: 'office' | 'community_space' };

export type LaunchDateReason =
  | { code: 'missing' }
  | { code: 'unreadable' }
  | { code: 'past' }
  | { code: 'soon'; days: number; minDays: number }
  | { code: 'ahead'; days: number };

/** The one thing that makes a readable schedule a warning, the first that applies. */
export type ScheduleWarning = 'ambiguous' | 'some_months' | 'off_launch';

export type ScheduleReason =
  | { code: 'missing' }
  | { code: 'no_day' }
  | { code: 'weekly' }
  | { code: 'no_time'; day: MonthlyDay }
  | { code: 'monthly'; day: MonthlyDay; hour: number; minute: number; warning: ScheduleWarning | null };

export type CriterionReason =
  InterestReason | RegionReason | OrganisersReason | VenueReason | LaunchDateReason | ScheduleReason;
