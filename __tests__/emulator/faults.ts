// Failures a test asks for: the ones GitHub produces under load or with a fork's token.
import { badGateway, notAccessibleByIntegration, secondaryRateLimit, unprocessable, type GitHubError } from './errors';

export type FaultKind =
  /** 502 from GitHub's front end. */
  | 'bad-gateway'
  /** 403 "You have exceeded a secondary rate limit" with `retry-after`. */
  | 'secondary-rate-limit'
  /** 403 "Resource not accessible by integration": the token of a pull request from a fork. */
  | 'read-only-token'
  /** 422 for a review whose comment GitHub cannot place, without saying which comment. */
  | 'review-comment-rejected';

export interface FaultRequest {
  operationId: string;
  parameters: Record<string, unknown>;
  body: unknown;
  /** Login of the token's account (tests running side by side can each use an account of their own). */
  actor: string | undefined;
}

export interface FaultOptions {
  /** An operationId from the OpenAPI description (`pulls/create-review`), or `graphql`. */
  operation: string;
  kind: FaultKind;
  /** How many matching requests fail; `Infinity` for all. Default 1. */
  times?: number;
  /** Only requests this accepts fail, e.g. reviews with a comment on one file. */
  when?: (request: FaultRequest) => boolean;
  /** `retry-after` of a secondary rate limit, in seconds (Octokit treats 0 as absent and waits 60). Default 1. */
  retryAfterSeconds?: number;
}

export class Fault {
  readonly options: FaultOptions;
  /** How many requests this fault has failed so far. */
  fired = 0;

  constructor(options: FaultOptions) {
    this.options = options;
  }

  /** The error for this request, if the fault applies to it (and counts it). */
  strike(request: FaultRequest, documentationUrl: string): GitHubError | undefined {
    const { options } = this;
    if (options.operation !== request.operationId || this.fired >= (options.times ?? 1)) return undefined;
    if (options.when && !options.when(request)) return undefined;
    this.fired += 1;
    const documented = { documentationUrl };
    switch (options.kind) {
      case 'bad-gateway':
        return badGateway();
      case 'secondary-rate-limit':
        return secondaryRateLimit(options.retryAfterSeconds ?? 1);
      case 'read-only-token':
        return notAccessibleByIntegration(documented);
      case 'review-comment-rejected':
        return unprocessable(documented, ["Pull request review thread line must be part of the diff and Pull request review thread diff hunk can't be blank"]);
    }
  }
}
