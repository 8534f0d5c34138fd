import type { GitHubClient } from '../github/client';
import type { Repository } from '../github/events';

/** The one issue an audit keeps up to date (`audit-issue: true`). */
export const AUDIT_ISSUE_TITLE = 'rl-review audit';

/** Starts the audit issue's body, so an issue someone else titled the same way is not taken over. */
export const AUDIT_MARKER = '<!-- rl-review:audit -->';

/**
 * Update the open audit issue with `body`, or open one when there are findings. With no findings left, the issue is
 * updated and closed. Returns what was done.
 */
export async function upsertAuditIssue(
  client: GitHubClient,
  repository: Repository,
  body: string,
  hasFindings: boolean,
): Promise<'created' | 'updated' | 'closed' | 'unchanged' | 'skipped'> {
  const text = `${AUDIT_MARKER}\n${body}`;
  let existing: { number: number; body?: string | null } | undefined;
  for await (const { data } of client.paginate.iterator(client.rest.issues.listForRepo, { ...repository, state: 'open', per_page: 100 })) {
    existing = data.find((i) => !i.pull_request && i.title === AUDIT_ISSUE_TITLE && i.body?.startsWith(AUDIT_MARKER));
    if (existing) break;
  }
  if (!existing) {
    if (!hasFindings) return 'skipped';
    await client.rest.issues.create({ ...repository, title: AUDIT_ISSUE_TITLE, body: text });
    return 'created';
  }
  if (!hasFindings) {
    await client.rest.issues.update({ ...repository, issue_number: existing.number, body: text, state: 'closed' });
    return 'closed';
  }
  if (existing.body === text) return 'unchanged';
  await client.rest.issues.update({ ...repository, issue_number: existing.number, body: text });
  return 'updated';
}
