import { defaults as runnerRequestDefaults, getOctokitOptions } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

/**
 * The REST client: @octokit/rest with the runner's defaults (base URL from `GITHUB_API_URL`, so GitHub Enterprise
 * Server works; the runner's proxy settings), retries of 5xx with backoff, and waits on rate limits.
 */
const RetryingOctokit = Octokit.plugin(retry, throttling).defaults(runnerRequestDefaults);

export type GitHubClient = InstanceType<typeof RetryingOctokit>;

/** Secondary rate limits (too many content-creating requests) are waited out this many times before giving up. */
const SECONDARY_RATE_LIMIT_RETRIES = 3;

/** A primary rate limit is waited out only when it resets soon: an Action should not hang for an hour. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export interface ClientLog {
  info: (message: string) => void;
  debug: (message: string) => void;
}

export function createGitHubClient(token: string, log: ClientLog): GitHubClient {
  return new RetryingOctokit(
    getOctokitOptions(token, {
      // Failed requests are ours to report (a missing config file is a 404 by design): the request log is debug output.
      log: { debug: log.debug, info: log.debug, warn: log.info, error: log.debug },
      throttle: {
        onRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          const retrying = retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
          log.info(`GitHub rate limit hit on ${options.method} ${options.url}: ${retrying ? `retrying in ${retryAfter} s` : 'giving up'}`);
          return retrying;
        },
        onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          const retrying = retryCount < SECONDARY_RATE_LIMIT_RETRIES;
          log.info(`GitHub secondary rate limit hit on ${options.method} ${options.url}: ${retrying ? `retrying in ${retryAfter} s` : 'giving up'}`);
          return retrying;
        },
      },
    }),
  );
}

/** The shape of @octokit/request-error's RequestError that we branch on. */
interface HttpError {
  status: number;
  message: string;
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as Partial<HttpError> | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A token that may read but not write: `pull_request` runs from forks get one ("Resource not accessible by
 * integration"), as do workflows whose `permissions:` leave out a scope. A 403 from an exhausted rate limit is not it.
 */
export function isReadOnlyTokenError(error: unknown): boolean {
  return httpStatus(error) === 403 && !/rate limit/i.test((error as HttpError).message);
}
