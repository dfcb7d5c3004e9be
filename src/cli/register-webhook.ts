import { subscribedEvents, type WebHookDefinition } from '../config/webhook-definition.js';
import type { WebHookSettings } from '../forum/client.js';
import type { WebHook } from '../forum/responses.js';
import type { CliContext } from './context.js';

export const WEBHOOK_PATH = '/webhooks/discourse';

/** `https://companion.example.org` and `https://companion.example.org/webhooks/discourse` name the same receiver. */
export function receiverUrl(publicUrl: string): string {
  const base = publicUrl.trim().replace(/\/+$/, '');
  return base.endsWith(WEBHOOK_PATH) ? base : `${base}${WEBHOOK_PATH}`;
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

/**
 * The settings to send: the definition's, with event ids taken from this forum's own
 * list by name where it gives one (ids are what the API takes, names are what stay
 * stable across Discourse versions).
 */
export function desiredSettings(
  definition: WebHookDefinition,
  url: string,
  secret: string,
  forumTypes: Array<{ id: number; name: string }> | null,
): { settings: WebHookSettings; unknown: string[] } {
  const wanted = subscribedEvents(definition);
  const unknown: string[] = [];
  const ids: number[] = [];
  for (const event of wanted) {
    if (!forumTypes) {
      ids.push(event.id);
      continue;
    }
    const found = forumTypes.find((t) => t.name === event.name);
    if (found) ids.push(found.id);
    else unknown.push(event.name);
  }
  const hook = definition.web_hook;
  return {
    settings: {
      payload_url: url,
      content_type: hook.content_type,
      secret,
      wildcard_web_hook: hook.wildcard_web_hook,
      verify_certificate: hook.verify_certificate,
      active: hook.active,
      web_hook_event_type_ids: [...new Set(ids)].sort((a, b) => a - b),
      category_ids: hook.category_ids,
      tag_names: hook.tag_names,
      group_ids: hook.group_ids,
    },
    unknown,
  };
}

/** What differs between the forum's webhook and the wanted one (empty: nothing to do). */
export function webHookDifferences(current: WebHook, wanted: WebHookSettings): string[] {
  const out: string[] = [];
  if (current.content_type !== wanted.content_type) out.push('content type');
  // Newer forums may not send the secret back; then it cannot be compared.
  if (current.secret != null && current.secret !== wanted.secret) out.push('secret');
  if (current.active !== wanted.active) out.push('active');
  if (current.wildcard_web_hook !== wanted.wildcard_web_hook) out.push('wildcard');
  if (current.verify_certificate !== wanted.verify_certificate) out.push('certificate check');
  const have = current.web_hook_event_types.map((t) => t.id).sort((a, b) => a - b);
  if (have.join(',') !== wanted.web_hook_event_type_ids.join(',')) out.push('events');
  if ((current.category_ids ?? []).length || (current.tag_names ?? []).length || (current.group_ids ?? []).length)
    out.push('filters');
  return out;
}

export function findOurWebHook(hooks: readonly WebHook[], url: string): WebHook | undefined {
  return hooks.find((h) => sameUrl(h.payload_url, url));
}

/** register-webhook --url <public url>: creates the forum's webhook, or updates it; a second run changes nothing. */
export async function registerWebhook(
  ctx: CliContext,
  definition: WebHookDefinition,
  publicUrl: string,
  force = false,
): Promise<number> {
  const secret = ctx.config.env.DISCOURSE_WEBHOOK_SECRET;
  let url: string;
  try {
    url = receiverUrl(new URL(publicUrl).toString());
  } catch {
    ctx.out.line(
      `--url: expected the service's public URL, such as https://companion.example.org (got "${publicUrl}")`,
    );
    return 1;
  }
  const { webHooks, eventTypes } = await ctx.forum.listWebHooks();
  const { settings, unknown } = desiredSettings(definition, url, secret, eventTypes);
  if (unknown.length)
    ctx.out.line(
      `note: this forum has no event types named ${unknown.join(', ')}; the webhook is registered without them`,
    );
  const current = findOurWebHook(webHooks, url);
  const summary = `${url} (${settings.web_hook_event_type_ids.length} events, JSON, ${settings.active ? 'active' : 'inactive'})`;
  if (!current) {
    const created = await ctx.forum.createWebHook(settings);
    ctx.out.line(`webhook ${created.id} created: ${summary}`);
    return 0;
  }
  const differences = webHookDifferences(current, settings);
  if (differences.length === 0 && !force) {
    ctx.out.line(`webhook ${current.id} already up to date: ${summary}`);
    if (current.secret == null)
      ctx.out.line('note: the forum does not show the secret, so it was not compared; run with --force to set it');
    return 0;
  }
  await ctx.forum.updateWebHook(current.id, settings);
  ctx.out.line(`webhook ${current.id} updated (${differences.length ? differences.join(', ') : 'forced'}): ${summary}`);
  return 0;
}
