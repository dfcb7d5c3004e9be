import type { Env } from '../config/env.js';
import { EmbeddedStore } from './embedded.js';
import { MongoStore } from './mongo.js';
import type { Store } from './types.js';

/** MongoDB when MONGODB_URI is set (shared by several processes), else the embedded store in DATA_DIR. */
export async function openStore<Topic, Proposal, Job>(
  env: Pick<Env, 'MONGODB_URI' | 'DATA_DIR'>,
): Promise<Store<Topic, Proposal, Job>> {
  if (env.MONGODB_URI) return MongoStore.connect<Topic, Proposal, Job>(env.MONGODB_URI);
  return new EmbeddedStore<Topic, Proposal, Job>(env.DATA_DIR);
}
