import { withTimeout } from '../intake/deadline.js';
import type { Logger } from '../log.js';
import type { Lane } from '../store/types.js';
import type { EnqueueOptions, WaitedFor } from './types.js';

export function laneOf(options: EnqueueOptions): Lane {
  return options.waitedFor ? 'waited' : options.background ? 'background' : 'ordinary';
}

// Who goes first is worth one store read a batch, not a stalled intake: past this, all are ordinary.
const TRIAGE_MS = 1000;

/**
 * The lane of each delivery of a batch being admitted. Priority is never worth holding
 * the intake back: a `waitedFor` that fails or is slow admits the whole batch as ordinary.
 */
export async function admissionLanes<J>(
  jobs: readonly J[],
  waitedFor: WaitedFor<J> | undefined,
  logger: Logger,
): Promise<Lane[]> {
  if (!waitedFor) return jobs.map(() => 'ordinary');
  try {
    const waited = await withTimeout(waitedFor(jobs), TRIAGE_MS, 'telling which deliveries people wait for');
    return jobs.map((_, i) => (waited[i] ? 'waited' : 'ordinary'));
  } catch (err) {
    logger.debug({ err: (err as Error)?.message }, 'deliveries admitted as ordinary: cannot tell which are waited for');
    return jobs.map(() => 'ordinary');
  }
}
