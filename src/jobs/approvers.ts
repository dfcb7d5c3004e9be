import type { ForumUser } from '../forum/responses.js';

/** Staff, or a member of an approver group: asked of the forum, never read from text. */
export function isApprover(user: ForumUser, approverGroups: readonly string[]): boolean {
  if (user.admin || user.moderator) return true;
  const wanted = new Set(approverGroups.map((g) => g.toLowerCase()));
  return (user.groups ?? []).some((g) => wanted.has(g.name.toLowerCase()));
}
