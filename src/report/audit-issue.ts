import type { GitHubClient } from '../github/client';
import type { Repository } from '../github/events';
import { isAuthoredBy, type TokenIdentity } from '../github/identity';

/** The one issue an audit keeps up to date (`audit-issue: true`). */
export const AUDIT_ISSUE_TITLE = 'rl-review audit';

/** Starts the audit issue's body. Anyone can write it: only an issue the token's account opened is rl-review's. */
export const AUDIT_MARKER = '<!-- rl-review:audit -->';

interface AuditIssue {
  number: number;
  state: string;
  body?: string | null;
}

/**
 * rl-review's audit issue: the open one, else the most recently updated closed one, that `author` opened. GitHub lists
 * an account's issues (`creator`), so the lookup does not page through every issue of the repository.
 */
async function findAuditIssue(client: GitHubClient, repository: Repository, author: TokenIdentity): Promise<AuditIssue | undefined> {
  for (const state of ['open', 'closed'] as const) {
    const pages = client.paginate.iterator(client.rest.issues.listForRepo, {
      ...repository,
      creator: author.login,
      state,
      sort: 'updated',
      direction: 'desc',
      per_page: 100,
    });
    for await (const { data } of pages) {
      const found = data.find((i) => !i.pull_request && isAuthoredBy(i, author) && i.title === AUDIT_ISSUE_TITLE && i.body?.startsWith(AUDIT_MARKER));
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Keep the audit issue up to date with `body`: updated while there are findings (reopened if it was closed, opened if
 * there is none yet), updated and closed when there are none left. Returns what was done.
 */
export async function upsertAuditIssue(
  client: GitHubClient,
  repository: Repository,
  author: TokenIdentity,
  body: string,
  hasFindings: boolean,
): Promise<'created' | 'updated' | 'reopened' | 'closed' | 'unchanged' | 'skipped'> {
  const text = `${AUDIT_MARKER}\n${body}`;
  const existing = await findAuditIssue(client, repository, author);
  if (!existing || existing.state === 'closed') {
    if (!hasFindings) return 'skipped';
    if (!existing) {
      await client.rest.issues.create({ ...repository, title: AUDIT_ISSUE_TITLE, body: text });
      return 'created';
    }
    await client.rest.issues.update({ ...repository, issue_number: existing.number, body: text, state: 'open' });
    return 'reopened';
  }
  if (!hasFindings) {
    await client.rest.issues.update({ ...repository, issue_number: existing.number, body: text, state: 'closed' });
    return 'closed';
  }
  if (existing.body === text) return 'unchanged';
  await client.rest.issues.update({ ...repository, issue_number: existing.number, body: text });
  return 'updated';
}
