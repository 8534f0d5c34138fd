import type { GitHubClient } from './client';
import type { Repository } from './events';

/** Review threads exist only in the GraphQL API: list them with the REST id of their first comment. */
const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

const RESOLVE_MUTATION = `mutation($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { isResolved } }
}`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        nodes: { id: string; isResolved: boolean; comments: { nodes: { databaseId: number }[] } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
  };
}

/** Resolve the open threads started by the given review comments (REST ids); returns how many were resolved. */
export async function resolveThreads(client: GitHubClient, repository: Repository, number: number, commentIds: ReadonlySet<number>): Promise<number> {
  const threadIds: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ThreadsPage = await client.graphql<ThreadsPage>(THREADS_QUERY, { ...repository, number, cursor });
    const { nodes, pageInfo } = page.repository.pullRequest.reviewThreads;
    for (const thread of nodes) {
      const first = thread.comments.nodes[0]?.databaseId;
      if (!thread.isResolved && first !== undefined && commentIds.has(first)) threadIds.push(thread.id);
    }
    cursor = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  } while (cursor);
  for (const threadId of threadIds) await client.graphql(RESOLVE_MUTATION, { threadId });
  return threadIds.length;
}
