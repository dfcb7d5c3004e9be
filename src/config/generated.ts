import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './env.js';

/**
 * generated/reply-model.json, as `npm run train` writes it (scripts/train-reader.ts): a
 * multinomial logistic regression over the features of src/rules/reply-features.ts, trained on the
 * project's own hand-labelled replies. A feature's weights are one number per class.
 */
export const replyModelSchema = z.object({
  about: z.string(),
  classes: z.tuple([z.literal('interest'), z.literal('withdrawal'), z.literal('none')]),
  /** A reply counts as interest from this probability of interest on. */
  interestFrom: z.number().min(0).max(1),
  /** Below interestFrom, a reply that speaks of coming is unsure from this probability on. */
  unsureFrom: z.number().min(0).max(1),
  /** The tuning sets it was trained on, each with its SHA-256, so a test can tell it is current. */
  trainedOn: z.array(z.object({ file: z.string(), sha256: z.string() })),
  weights: z.record(z.string(), z.tuple([z.number(), z.number(), z.number()])),
});

export type ReplyModelData = z.infer<typeof replyModelSchema>;

/**
 * Data the service reads with but nobody edits by hand, each file written by a script
 * (generated/README.md): the other-language names of the world's towns (`npm run places`), and
 * the reply reader's model (`npm run train`).
 */
export interface GeneratedData {
  /** generated/places.tsv: a town's own name, then its other names, tab-separated, a line a town. */
  places: string;
  replyModel: ReplyModelData;
}

let loaded: GeneratedData | null = null;

/** The generated/ folder of the installation, found upwards from this file (in src/ or in dist/src/). */
function generatedDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      readFileSync(join(dir, 'generated', 'places.tsv'), { flag: 'r' }).subarray(0, 0);
      return join(dir, 'generated');
    } catch {
      // Not at this level: look one up.
    }
  }
  throw new ConfigError(
    'generated/places.tsv is missing from the installation. Fix: run npm run places, or install again',
  );
}

/** The generated data, read once per process. */
export function generatedData(): GeneratedData {
  if (loaded) return loaded;
  const dir = generatedDir();
  const modelFile = join(dir, 'reply-model.json');
  let model: unknown;
  try {
    model = JSON.parse(readFileSync(modelFile, 'utf8'));
  } catch (err) {
    throw new ConfigError(
      `${modelFile} cannot be read (${(err as Error).message}). Fix: run npm run train, or install again`,
    );
  }
  const parsed = replyModelSchema.safeParse(model);
  if (!parsed.success)
    throw new ConfigError(
      `${modelFile} is not a reply model (${parsed.error.issues[0]?.message}). Fix: run npm run train`,
    );
  loaded = { places: readFileSync(join(dir, 'places.tsv'), 'utf8'), replyModel: parsed.data };
  return loaded;
}
