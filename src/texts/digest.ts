import { durationMs } from '../config/rules-config.js';
import type { DigestItem } from '../rules/programme.js';
import { forumWords, type TextContext } from './context.js';
import { namesInWords } from './criteria.js';
import { dayOf, durationInWords } from './dates.js';
import { fitItems, leftOut } from './fit.js';
import { marker, plainText } from './markdown.js';

/** The moderators' digest, in the forum's language: each thing that waits for them, with its link. */
export function digestTitle(items: readonly DigestItem[], ctx: TextContext): string {
  return forumWords(ctx).t('digest.title', { count: items.length });
}

export function digestText(n: number, items: readonly DigestItem[], ctx: TextContext): string {
  const perKind = new Map<DigestItem['kind'], number>();
  for (const item of items) perKind.set(item.kind, (perKind.get(item.kind) ?? 0) + 1);
  const longest = Math.max(0, ...perKind.values());
  return fitItems(longest, ctx.rules.forum.maxPostLength, (keep) => renderDigest(n, items, keep, ctx));
}

/** The digest listing at most `keep` items of each kind and counting the rest. */
function renderDigest(n: number, all: readonly DigestItem[], keep: number, ctx: TextContext): string {
  const seen = new Map<DigestItem['kind'], number>();
  const items = all.filter((item) => {
    const k = (seen.get(item.kind) ?? 0) + 1;
    seen.set(item.kind, k);
    return k <= keep;
  });
  const tr = forumWords(ctx);
  const day = (at: string | null) => (at ? dayOf(at, ctx.timeZone, tr.locale) : tr.t('digest.never'));
  const link = (name: string, url: string) => `[${plainText(name, 80) || url}](${url})`;
  const lines = [marker(`digest:${n}`), tr.t('digest.intro'), ''];
  for (const item of items) {
    switch (item.kind) {
      case 'awaiting':
      case 'stalled':
        lines.push(
          `- ${tr.t(`digest.${item.kind}`, { link: link(item.proposal.title, item.proposal.url), date: day(item.since) })}`,
        );
        break;
      case 'dormant':
        lines.push(
          `- ${
            item.meetup.organisers?.length
              ? tr.t('digest.dormant', {
                  link: link(item.meetup.name, item.meetup.url),
                  date: day(item.since),
                  names: namesInWords(item.meetup.organisers, tr),
                })
              : tr.t('digest.dormantNoOrganisers', {
                  link: link(item.meetup.name, item.meetup.url),
                  date: day(item.since),
                })
          }`,
        );
        break;
      case 'closed':
        lines.push(
          `- ${tr.t('digest.closed', { link: link(item.meetup.name, item.meetup.url), date: day(item.since) })}`,
        );
        break;
    }
  }
  if (items.length < all.length)
    lines.push(...leftOut(tr.t('digest.more', { count: all.length - items.length }), true));
  lines.push(
    '',
    tr.t('digest.outro', { every: durationInWords(durationMs(ctx.rules.lifecycle.digestEvery), tr.locale) }),
  );
  return lines.join('\n');
}
