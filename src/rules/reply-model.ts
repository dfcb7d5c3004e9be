import type { ReplyModelData } from '../config/generated.js';

/** What a reply says of its writer coming, as the model tells them apart. */
export const REPLY_CLASSES = ['interest', 'withdrawal', 'none'] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

export interface ReplyModel {
  interestFrom: number;
  unsureFrom: number;
  /** The weights of each known feature, three a feature in class order. */
  weights: Map<string, Float64Array>;
}

export function replyModel(data: ReplyModelData): ReplyModel {
  const weights = new Map<string, Float64Array>();
  for (const [feature, w] of Object.entries(data.weights)) weights.set(feature, Float64Array.from(w));
  return { interestFrom: data.interestFrom, unsureFrom: data.unsureFrom, weights };
}

/** How likely each class is for a reply with these features, in class order; a feature counts once. */
export function classProbabilities(model: ReplyModel, features: readonly string[]): [number, number, number] {
  const score = [0, 0, 0];
  for (const feature of new Set(features)) {
    const w = model.weights.get(feature);
    if (!w) continue;
    score[0]! += w[0]!;
    score[1]! += w[1]!;
    score[2]! += w[2]!;
  }
  return softmax(score);
}

export function softmax(score: readonly number[]): [number, number, number] {
  const top = Math.max(score[0]!, score[1]!, score[2]!);
  const e = score.map((s) => Math.exp(s - top));
  const sum = e[0]! + e[1]! + e[2]!;
  return [e[0]! / sum, e[1]! / sum, e[2]! / sum];
}
