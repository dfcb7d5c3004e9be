import type { Env } from '../config/env.js';
import { EmbeddedStore } from './embedded.js';
import { MongoStore } from './mongo.js';
import type { Store } from './types.js';

/** MongoDB when MONGODB_URI is set (shared by several processes), else the embedded store in DATA_DIR. */
export async function openStore<Topic, Proposal, Job, Meetup = unknown, Programme = unknown>(
  env: Pick<Env, 'MONGODB_URI' | 'DATA_DIR'>,
): Promise<Store<Topic, Proposal, Job, Meetup, Programme>> {
  if (env.MONGODB_URI) return MongoStore.connect<Topic, Proposal, Job, Meetup, Programme>(env.MONGODB_URI);
  return new EmbeddedStore<Topic, Proposal, Job, Meetup, Programme>(env.DATA_DIR);
}
