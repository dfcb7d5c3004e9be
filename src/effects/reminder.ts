import { marker } from '../texts/markdown.js';
import { reminderText } from '../texts/reminder.js';
import { keyed } from './ledger.js';
import { replyOnce } from './reply-once.js';
import { textsFor } from './texts.js';
import type { Perform } from './types.js';

/**
 * The reminder reply in a quiet proposal thread, once per number: its marker finds a reply
 * that landed before a crash. A thread that came alive again before it was sent needs none.
 */
export const sendReminder: Perform<'send_reminder'> = async (ctx, p, effect) => {
  if (p.state !== 'gathering' && p.state !== 'stalled') return { status: 'skip', why: 'no longer gathering' };
  if ((p.reminders ?? 0) !== effect.n || p.remindedAfter !== p.lastActivityAt)
    return { status: 'skip', why: 'the thread has had a post since' };
  return keyed(ctx, p, effect, {}, () =>
    replyOnce(ctx, p.topicId, marker(effect.key), reminderText(p, effect.n, textsFor(ctx, p))),
  );
};
