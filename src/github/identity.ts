import type { GitHubClient } from './client';

/**
 * Who the token acts as: rl-review's own comments, review comments and issues are those this account wrote. A hidden
 * marker in a body says which of them is which (the summary, a finding's comment, the audit issue), but anyone can
 * write a marker: only the author says a comment is rl-review's.
 *
 * GraphQL's `viewer` answers for every kind of token: `github-actions[bot]` for `GITHUB_TOKEN`, `<app-slug>[bot]` for
 * a GitHub App's installation token, the user for a personal access token. REST has no such call for installation
 * tokens (`GET /user` answers 403 to them, `GET /app` wants the app's JWT). Its login is the `user.login` that REST
 * shows on what the account wrote, `[bot]` included.
 */
export interface TokenIdentity {
  login: string;
}

const VIEWER_QUERY = 'query { viewer { login } }';

const identities = new WeakMap<GitHubClient, Promise<TokenIdentity>>();

/** The token's account, asked once per client. */
export function tokenIdentity(client: GitHubClient): Promise<TokenIdentity> {
  let identity = identities.get(client);
  if (!identity) {
    identity = client.graphql<{ viewer: { login: string } }>(VIEWER_QUERY).then(
      ({ viewer }) => ({ login: viewer.login }),
      (error: Error) => {
        // Not a permission problem of the sink that asked: without the account, no comment can be told to be ours.
        throw new Error(`cannot tell which comments are rl-review's: GitHub did not say whose the token is (${error.message})`);
      },
    );
    // A failed lookup is not remembered: the next sink asks again (and reports its own failure).
    identity.catch(() => identities.delete(client));
    identities.set(client, identity);
  }
  return identity;
}

/** Whether `item` (a comment, a review comment, an issue as REST returns it) was written by `identity`. */
export function isAuthoredBy(item: { user?: { login: string } | null }, identity: TokenIdentity): boolean {
  // Logins are unique regardless of case; `[` and `]` are not allowed in a user's login, so no user can pose as a bot.
  return item.user?.login.toLowerCase() === identity.login.toLowerCase();
}
