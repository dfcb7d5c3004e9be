import type { Intake } from '../intake/types.js';

/** A stored document and the version that a compare-and-set must name to replace it. */
export interface Versioned<T> {
  value: T;
  version: number;
}

export interface VersionedCollection<T> {
  get(id: string): Promise<Versioned<T> | null>;
  /** Whether a document is stored, without reading it. */
  has(id: string): Promise<boolean>;
  /** Which of `ids` are stored, in one read. */
  existing(ids: readonly string[]): Promise<Set<string>>;
  /**
   * Writes `value` only when the stored version is still `expected` (`null`: the
   * document must not exist yet). Resolves to the new version, or `null` when another
   * writer got there first: re-read and decide again.
   */
  put(id: string, value: T, expected: number | null): Promise<number | null>;
  list(): Promise<Array<Versioned<T> & { id: string }>>;
}

export interface InboxEntry<J> {
  key: string;
  job: J;
  attempts: number;
  /** Epoch ms before which the entry must not be retried. */
  notBefore: number;
  receivedAt: number;
  lastError: string | null;
}

/**
 * Which due entries go first: what people wait for (a proposal's delivery, its status
 * post's edit), then ordinary work, then background work nobody waits for.
 */
export type Lane = 'waited' | 'ordinary' | 'background';

/**
 * The durable in-process queue's storage: a delivery is acknowledged only once it is
 * here, and stays until it is completed, so a restart picks up whatever was in hand.
 * Completed keys are kept so that a redelivery inside the retention window is known.
 */
export interface Inbox<J> {
  /** false when the key is already pending or was completed within the retention window. */
  add(key: string, job: J, now: number, notBefore?: number, lane?: Lane): Promise<boolean>;
  /** Pending entries due at `now`: lane by lane (waited, ordinary, background), oldest first in each. */
  due(now: number, limit: number): Promise<Array<InboxEntry<J>>>;
  complete(key: string, now: number): Promise<void>;
  /** Records a failed attempt; `notBefore: null` gives up and parks the entry as failed. */
  retryLater(key: string, error: string, notBefore: number | null): Promise<void>;
  countPending(): Promise<number>;
  /** Forgets completed keys older than `before`; returns how many. */
  prune(before: number): Promise<number>;
}

/**
 * What the service did, or is doing, on the forum for one idempotency key. Written
 * before the call (`started`, with a lease) and after it (`done`, with what the forum
 * answered), so a worker that finds `started` knows a call may have landed and looks on
 * the forum before doing anything again.
 */
export interface EffectRecord {
  key: string;
  kind: string;
  topicId: number;
  state: 'started' | 'done' | 'planned' | 'failed';
  /** The worker holding the lease; another one leaves the key alone until `leaseUntil`. */
  owner: string | null;
  leaseUntil: number;
  attempts: number;
  startedAt: string;
  doneAt: string | null;
  result: EffectResult | null;
  lastError: string | null;
}

export interface EffectResult {
  postId?: number;
  /** The topic the effect posted in (the thread, or the approvers' private message). */
  inTopicId?: number;
  categoryId?: number;
  categorySlug?: string;
  /** The status post's text as last written, hashed: an unchanged text is not written again. */
  textHash?: string;
  /** What dry-run would have sent. */
  planned?: Array<{ method: string; path: string; body: unknown }>;
}

export interface Store<Topic, Proposal, Job, Meetup = unknown, Programme = unknown> {
  readonly kind: 'embedded' | 'mongodb';
  readonly topics: VersionedCollection<Topic>;
  readonly proposals: VersionedCollection<Proposal>;
  /** The meetups after they open, by category id: found in one read, not by scanning proposals. */
  readonly meetups: VersionedCollection<Meetup>;
  /** The programme's own records: the overview topic, the digests sent, check-in messages by topic id. */
  readonly programme: VersionedCollection<Programme>;
  readonly effects: VersionedCollection<EffectRecord>;
  readonly inbox: Inbox<Job>;
  readonly intake: Intake<Job>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
