import type { CheckinAnswer } from '../events/answer.js';
import type { ParsedCommand } from '../events/command.js';
import type { Observation } from '../events/payloads.js';

/** A verified forum delivery, reduced to what the thread snapshot needs. */
export interface DeliveryJob {
  kind: 'delivery';
  /** Content key: the same forum event always has the same key, whatever its delivery id. */
  key: string;
  event: string;
  eventId: number;
  receivedAt: string;
  observation: Observation;
  /** An approver command at the start of the post, read once by the receiver. */
  command?: ParsedCommand | null;
  /** A check-in answer at the start of a private message's post, read once by the receiver. */
  answer?: CheckinAnswer;
}

/**
 * "Do the forum work this proposal is waiting for", not before `notBefore` (the
 * coalescing window of jobs/schedule.ts). One key per topic and due time, so the
 * deliveries of a burst share one job.
 */
export interface EffectsJob {
  kind: 'effects';
  key: string;
  topicId: number;
}

/** "Read this thread from the forum again": a resync request, backfill, or a difference reconciliation found. */
export interface ResyncJob {
  kind: 'resync';
  key: string;
  topicId: number;
  reason: 'api' | 'backfill' | 'reconcile';
}

/**
 * One reconciliation run per time slot: every worker process offers the slot's job, and
 * the queue's key deduplication lets one of them run it.
 */
export interface ReconcileJob {
  kind: 'reconcile';
  key: string;
  /** The slot's number; keys the resyncs the run asks for. */
  slot: string;
}

/** The daily pass over open proposals, once per day. */
export interface ReevaluateJob {
  kind: 'reevaluate';
  key: string;
  /** The day, YYYY-MM-DD, counted from the configured hour. */
  day: string;
}

/**
 * The periodic check of the programme, once per `lifecycle.checkEvery` slot: quiet proposals
 * and meetups, the digest, the overview (docs/spec/rules.md, "After the birth").
 */
export interface LifecycleJob {
  kind: 'lifecycle';
  key: string;
  slot: string;
}

/** "Write the overview topic if its text changed", keyed by the earliest time it may be edited. */
export interface OverviewJob {
  kind: 'overview';
  key: string;
}

export type Job = DeliveryJob | EffectsJob | ResyncJob | ReconcileJob | ReevaluateJob | LifecycleJob | OverviewJob;

export type JobKind = Job['kind'];

/** What a job came to, for its log line and the job-duration metric. */
export type JobResult =
  | 'applied'
  | 'unchanged'
  | 'not_watched'
  | 'gone'
  | 'categories_changed'
  | 'command'
  | 'effects'
  | 'reconciled'
  | 'reevaluated'
  | 'activity'
  | 'answer'
  | 'checked'
  | 'overview';
