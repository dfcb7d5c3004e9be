import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './env.js';

/** A category named by id, slug or name: operators copy whichever they see in the forum. */
const categoryRef = z.union([z.number().int().positive(), z.string().min(1)]);

const wordsByLanguage = z.record(z.string().min(2).max(8), z.array(z.string().min(1).max(80)));

/**
 * config/default.json: everything a community may want to change without code.
 * Defaults make a partial file valid, so another forum's config only names what differs.
 */
export const rulesConfigSchema = z.object({
  forum: z
    .object({
      watchedCategory: categoryRef.default('International - By Country'),
      meetupsCategory: categoryRef.default('Mautic Meetups'),
      proposalTag: z.string().min(1).default('meetup'),
      // Posts by these users never count: the service's own user is added at run time.
      ignoredUsernames: z.array(z.string().min(1)).default(['system', 'discobot']),
      categoryRefreshMinutes: z.number().int().min(1).default(60),
    })
    .prefault({}),
  proposal: z
    .object({
      // A watched topic is a proposal when its title or first post uses one of these.
      keywords: wordsByLanguage.default({}),
    })
    .prefault({}),
  interest: z
    .object({
      minPeople: z.number().int().min(1).default(2),
      countAuthor: z.boolean().default(true),
      countFirstPostLikes: z.boolean().default(true),
    })
    .prefault({}),
  launchDate: z
    .object({
      minDaysAhead: z.number().int().min(0).default(28),
    })
    .prefault({}),
});

export type RulesConfig = z.infer<typeof rulesConfigSchema>;

export function parseRulesConfig(data: unknown, source = 'rules configuration'): RulesConfig {
  const result = rulesConfigSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ConfigError(`${source}: ${problems.join('; ')}`);
}

export function loadRulesConfig(file: string): RulesConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`CONFIG_FILE: cannot read ${file} (${code}); point CONFIG_FILE at a JSON rules file such as config/default.json`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`CONFIG_FILE: ${file} is not valid JSON (${(err as Error).message})`);
  }
  return parseRulesConfig(data, `CONFIG_FILE ${file}`);
}
