import express, { type Router } from 'express';
import { z } from 'zod';
import type { RulesConfig } from '../config/rules-config.js';
import { calendarUrlOf, textContextFor } from '../texts/text-context.js';
import type { AppStore } from '../jobs/context.js';
import { proposalCalendar } from '../texts/meetup-calendar.js';
import { categoryPlan } from '../texts/messages.js';

const calendarParam = z.object({ file: z.string().regex(/^[1-9]\d{0,9}\.ics$/) });

/**
 * GET /meetups/:categoryId.ics: the iCalendar file of an official meetup, which the
 * announcement and the About text link to. Public, as the meetup's thread is; served once
 * PUBLIC_URL is set, since only then do the texts link here.
 */
export function calendarRouter(deps: {
  store: AppStore;
  rules: RulesConfig;
  forumUrl: string;
  publicUrl: string | null;
  clock?: () => Date;
}): Router {
  const router = express.Router();
  const host = new URL(deps.forumUrl).host;

  router.get('/meetups/:file', async (req, res) => {
    const params = calendarParam.safeParse(req.params);
    if (!params.success) {
      res.status(404).json({ error: 'not found; a meetup calendar is /meetups/<category id>.ics' });
      return;
    }
    if (!deps.publicUrl) {
      res.status(404).json({ error: 'calendar files are served once PUBLIC_URL is set' });
      return;
    }
    const categoryId = Number(params.data.file.slice(0, -'.ics'.length));
    // The meetups are kept by category id: one read finds the meetup, one more its proposal.
    const meetup = (await deps.store.meetups.get(String(categoryId)))?.value;
    const proposal =
      meetup?.topicId != null ? (await deps.store.proposals.get(String(meetup.topicId)))?.value : undefined;
    if (!proposal?.category || proposal.category.id !== categoryId) {
      res.status(404).json({ error: `no meetup has category ${categoryId}` });
      return;
    }
    const ctx = textContextFor(deps.rules, deps.clock?.() ?? new Date(), {
      language: proposal.language ?? null,
      timeZone: proposal.timeZone ?? null,
      region: proposal.checklist?.region.value ?? null,
      calendarUrl: calendarUrlOf(deps.publicUrl, categoryId),
    });
    const name = categoryPlan(proposal, deps.rules.category)?.name ?? `Meetup ${proposal.topicId}`;
    const ics = proposalCalendar(proposal, { id: categoryId, name, url: proposal.category.url }, ctx, host);
    if (ics === null) {
      res.status(404).json({ error: `the meetup of category ${categoryId} has no schedule that can be read` });
      return;
    }
    res
      .status(200)
      .set('Content-Type', 'text/calendar; charset=utf-8')
      .set('Content-Disposition', `inline; filename="meetup-${categoryId}.ics"`)
      .set('Cache-Control', 'public, max-age=3600')
      .send(ics);
  });

  return router;
}
