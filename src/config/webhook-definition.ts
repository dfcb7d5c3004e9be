import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './env.js';

/** webhooks/discourse-webhook.json: the forum-side webhook the service registers (data, not code). */
const definitionSchema = z.object({
  web_hook: z.object({
    content_type: z.literal(1),
    wildcard_web_hook: z.boolean(),
    active: z.boolean(),
    verify_certificate: z.boolean(),
    web_hook_event_type_ids: z.array(z.number().int()).min(1),
    category_ids: z.array(z.number().int()),
    tag_names: z.array(z.string()),
    group_ids: z.array(z.number().int()),
  }),
  event_names: z.record(z.string().regex(/^\d+$/), z.string().min(1)),
});

export type WebHookDefinition = z.infer<typeof definitionSchema>;

/** The package's root, from src/ under tsx or dist/src/ once built. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new ConfigError('cannot find the package root (package.json) above the code');
    dir = up;
  }
  return dir;
}

export function loadWebHookDefinition(
  path = join(packageRoot(), 'webhooks', 'discourse-webhook.json'),
): WebHookDefinition {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path}: cannot read the webhook definition (${(err as Error).message})`);
  }
  const parsed = definitionSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`${path}: ${first?.path.join('.')}: ${first?.message}`);
  }
  return parsed.data;
}

/** The event names the service subscribes to, e.g. "topic_edited" (the file's names may add a note in parentheses). */
export function subscribedEvents(definition: WebHookDefinition): Array<{ id: number; name: string }> {
  return definition.web_hook.web_hook_event_type_ids.map((id) => ({
    id,
    name: (definition.event_names[String(id)] ?? `event ${id}`).split(' ')[0]!,
  }));
}
