import type { PostState } from './snapshot.js';
import { words } from '../words/text.js';
import type { Criterion } from './criterion.js';

export interface UserProfile {
  /** The configured company user field, when the member filled it in. */
  company?: string | null;
  website?: string | null;
}

export interface NamedOrganisers {
  /** Forum users named, in the order named (distinct, any case). */
  users: Array<{ userId: number; username: string }>;
  /** Names that match nobody who posted in the thread. */
  unknown: string[];
}

// Discourse usernames: letters, digits, underscore, dot and dash.
const MENTION = /@([\p{L}\p{N}_.-]+)/gu;
// Applied to text with single spaces only, so no run of blanks can make it backtrack.
const SEPARATORS = / ?(?:[,;&/+]| (?:and|und|et|y|e|en|i|oraz) ) ?/iu;

/**
 * The people an Organisers line names. "@alice @bob", "alice and bob", "me and @bob" all
 * work; a name counts only when it is the username of someone who posted in the thread
 * or wrote its first post, because nobody is made an organiser without saying so.
 */
export function namedOrganisers(
  value: string,
  writer: { userId: number; username: string },
  posters: readonly PostState[],
  selfWords: Set<string>,
): NamedOrganisers {
  const byName = new Map<string, { userId: number; username: string }>();
  for (const p of posters) byName.set(p.username.toLowerCase(), { userId: p.userId, username: p.username });
  // In written order: each piece between separators is either @mentions or one plain name.
  const mentions: string[] = [];
  const names: string[] = [];
  for (const piece of value.replace(/\s+/g, ' ').split(SEPARATORS)) {
    const inPiece = [...piece.matchAll(MENTION)].map((m) => m[1]!.replace(/[.-]+$/, ''));
    mentions.push(...inPiece);
    if (inPiece.length > 0) names.push(...inPiece);
    else if (piece.trim() !== '') names.push(piece.trim());
  }
  const users: NamedOrganisers['users'] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const w = words(name);
    const isSelf = w.length === 1 && selfWords.has(w[0]!);
    const user = isSelf ? writer : byName.get(name.toLowerCase());
    if (user) {
      if (!users.some((u) => u.userId === user.userId)) users.push(user);
    } else if (mentions.includes(name)) {
      unknown.push(name);
    }
  }
  return { users, unknown };
}

/** The company a member works for: the profile field, else their website's domain. */
export function companyOf(profile: UserProfile | undefined, personalDomains: ReadonlySet<string>): string | null {
  const company = profile?.company?.trim();
  if (company)
    return (
      words(company)
        .filter((w) => !COMPANY_SUFFIXES.has(w))
        .join(' ') || null
    );
  const site = profile?.website?.trim();
  if (!site) return null;
  let host: string;
  try {
    host = new URL(/^https?:\/\//i.test(site) ? site : `https://${site}`).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
  if (personalDomains.has(host) || [...personalDomains].some((d) => host.endsWith(`.${d}`))) return null;
  return host;
}

// "Acme GmbH" and "ACME" are the same employer.
const COMPANY_SUFFIXES = new Set([
  'gmbh',
  'ag',
  'ltd',
  'limited',
  'inc',
  'llc',
  'sa',
  'sas',
  'sarl',
  'sl',
  'srl',
  'spa',
  'bv',
  'nv',
  'sp',
  'z',
  'o',
  'oo',
  'plc',
  'co',
  'kg',
  'ug',
]);

/** A named organiser who has not confirmed yet; `posted` tells whether a mention of them is allowed. */
export interface WaitingOrganiser {
  username: string;
  posted: boolean;
}

export type OrganisersReason =
  | { code: 'none_named' }
  | { code: 'too_few'; waiting: WaitingOrganiser[] }
  | { code: 'same_company' }
  | { code: 'confirmed' };

export type OrganisersCriterion = Criterion<string[], OrganisersReason>;

/**
 * Met when two named organisers have each written the first post or posted in the thread; a
 * warning when both work for the same company (their profiles, `personalDomains` aside).
 */
export function organisersCriterion(
  named: NamedOrganisers | null,
  post: number | null,
  posts: readonly PostState[],
  authorId: number | null,
  profiles: Readonly<Record<string, UserProfile>>,
  personalDomains: ReadonlySet<string>,
): OrganisersCriterion {
  if (!named || post === null) return { status: 'missing', reason: { code: 'none_named' }, posts: [] };
  const confirmed = named.users.filter((u) => u.userId === authorId || posts.some((p) => p.userId === u.userId));
  const value = confirmed.map((u) => u.username);
  const postsRead = [post, ...posts.filter((p) => confirmed.some((u) => u.userId === p.userId)).map((p) => p.number)];
  const uniquePosts = [...new Set(postsRead)].sort((a, b) => a - b).slice(0, 10);
  const base = { posts: uniquePosts, value };
  if (confirmed.length < 2) {
    const waiting = named.unknown.map((username) => ({ username, posted: false }));
    return { ...base, status: 'missing', reason: { code: 'too_few', waiting } };
  }
  const [a, b] = confirmed;
  const ca = companyOf(profiles[a!.username.toLowerCase()], personalDomains);
  const cb = companyOf(profiles[b!.username.toLowerCase()], personalDomains);
  if (ca !== null && ca === cb) return { ...base, status: 'warning', reason: { code: 'same_company' } };
  return { ...base, status: 'met', reason: { code: 'confirmed' } };
}
