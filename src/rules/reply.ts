import type { RulesConfig } from '../config/rules-config.js';
import { replyFeatures, replyLexicon, type ReplyLexicon } from './reply-features.js';
import type { ReplyModelData } from '../config/generated.js';
import { classProbabilities, replyModel, type ReplyModel } from './reply-model.js';
import { speaksOfComing } from './reply-rules.js';

/**
 * What one reply says of its writer coming to the meetup: yes (`interest`), no or no longer
 * (`withdrawal`), nothing (`none`), or something the reader cannot read either way although it
 * speaks of coming (`unsure`: the status post asks the writer how to be counted).
 */
export type ReplyReading = 'interest' | 'withdrawal' | 'none' | 'unsure';

export interface ReplyReader {
  lexicon: ReplyLexicon;
  model: ReplyModel;
  /** Readings of recent texts: a thread is judged again at each reply, its older posts unchanged. */
  cache: Map<string, ReplyReading>;
}

export function replyReader(config: RulesConfig['interest'], model: ReplyModelData): ReplyReader {
  return { lexicon: replyLexicon(config), model: replyModel(model), cache: new Map() };
}

// Enough for the posts of the threads a worker judges in a while; the oldest reading goes first.
const CACHED_READINGS = 20_000;

/**
 * Reads one reply as a community manager would: the model weighs its words and the clause
 * rules' reading (rules/reply-features.ts) into how likely each of yes, no and nothing is. A
 * likely yes is interest, and so is a possible one that the clause rules read as a commitment;
 * a likely no is a withdrawal; a reply that speaks of coming and is neither, or hedges, is
 * unsure rather than guessed.
 */
export function readReply(raw: string, reader: ReplyReader): ReplyReading {
  const cached = reader.cache.get(raw);
  if (cached !== undefined) return cached;
  const reading = readUncached(raw, reader);
  if (reader.cache.size >= CACHED_READINGS) reader.cache.delete(reader.cache.keys().next().value!);
  reader.cache.set(raw, reading);
  return reading;
}

function readUncached(raw: string, reader: ReplyReader): ReplyReading {
  const features = replyFeatures(raw, reader.lexicon);
  // "Yes! … exam week, so no": a yes the clause rules saw taken back at the end is taken back,
  // however sure of the yes the model is from the words before.
  if (features.includes('takenBack') && features.includes('r:withdrawal')) return 'withdrawal';
  const [interest, withdrawal, none] = classProbabilities(reader.model, features);
  if (interest >= reader.model.interestFrom) return 'interest';
  // Not sure from the words, but the clause rules found the writer committing: that is decided.
  if (interest >= reader.model.unsureFrom && features.includes('r:interest')) return 'interest';
  if (withdrawal > interest && withdrawal > none) return 'withdrawal';
  const hedged = features.includes('cue:hedge');
  if ((interest >= reader.model.unsureFrom || hedged) && speaksOfComing(raw, reader.lexicon.rules)) return 'unsure';
  return 'none';
}
