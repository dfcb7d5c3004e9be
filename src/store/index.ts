import type { Env } from '../config/env.js';
import type { Job } from '../queue/types.js';
import type { Proposal } from '../rules/proposal.js';
import type { ThreadSnapshot } from '../rules/snapshot.js';
import { EmbeddedStore } from './embedded.js';
import { MongoStore } from './mongo.js';
import type { Store } from './types.js';

export type AppStore = Store<ThreadSnapshot, Proposal, Job>;

export async function openStore(env: Pick<Env, 'MONGODB_URI' | 'DATA_DIR'>): Promise<AppStore> {
  if (env.MONGODB_URI) return MongoStore.connect<ThreadSnapshot, Proposal, Job>(env.MONGODB_URI);
  return new EmbeddedStore<ThreadSnapshot, Proposal, Job>(env.DATA_DIR);
}
