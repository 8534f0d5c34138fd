// GitHub's error responses, with the bodies and headers clients (Octokit and its plugins) rely on.
import type { ContractOperation } from './openapi';

/** The operation an error is about: its body links the operation's documentation. */
type Documented = Pick<ContractOperation, 'documentationUrl'>;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An error a handler throws to answer with GitHub's error response. */
export class GitHubError extends Error {
  readonly reply: Reply;

  constructor(reply: Reply) {
    super(String((reply.body as { message?: string } | undefined)?.message ?? reply.status));
    this.reply = reply;
  }
}

function errorReply(status: number, documentationUrl: string, body: Record<string, unknown>, headers?: Record<string, string>): Reply {
  return { status, body: { ...body, documentation_url: documentationUrl, status: String(status) }, headers };
}

export function notFound(operation: Documented | undefined): GitHubError {
  return new GitHubError(errorReply(404, operation?.documentationUrl ?? 'https://docs.github.com/rest', { message: 'Not Found' }));
}

/** `Validation Failed` with GitHub's per-field errors (`resource`, `code`, `field`, `message`). */
export function validationFailed(operation: Documented, errors: { resource: string; code: string; field: string; message?: string }[]): GitHubError {
  return new GitHubError(errorReply(422, operation.documentationUrl, { message: 'Validation Failed', errors }));
}

/** `Unprocessable Entity` with bare messages: what review creation answers (without saying which comment failed). */
export function unprocessable(operation: Documented, errors: string[]): GitHubError {
  return new GitHubError(errorReply(422, operation.documentationUrl, { message: 'Unprocessable Entity', errors }));
}

/** What GitHub's JSON-schema check answers for a body that breaks the operation's schema. */
export function invalidRequest(operation: Documented, problems: string[]): GitHubError {
  return new GitHubError(errorReply(422, operation.documentationUrl, { message: `Invalid request.\n\n${problems.join('\n')}` }));
}

export function problemsParsingJson(operation: Documented): GitHubError {
  return new GitHubError(errorReply(400, operation.documentationUrl, { message: 'Problems parsing JSON' }));
}

/** A write with a token that may only read (the token of a pull request from a fork). */
export function notAccessibleByIntegration(operation: Documented): GitHubError {
  return new GitHubError(errorReply(403, operation.documentationUrl, { message: 'Resource not accessible by integration' }));
}

export function requiresAuthentication(operation: Documented): GitHubError {
  return new GitHubError(errorReply(401, operation.documentationUrl, { message: 'Requires authentication' }));
}

export function badCredentials(): GitHubError {
  return new GitHubError(errorReply(401, 'https://docs.github.com/rest', { message: 'Bad credentials' }));
}

/** Octokit's throttling plugin recognizes this message and honours `retry-after`. */
export function secondaryRateLimit(retryAfterSeconds: number): GitHubError {
  return new GitHubError(
    errorReply(
      403,
      'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
      },
      { 'retry-after': String(retryAfterSeconds) },
    ),
  );
}

export function badGateway(): GitHubError {
  return new GitHubError({ status: 502, body: { message: 'Server Error' } });
}

/** GitHub's limit on comment, review, issue and check-run bodies, in characters. */
export const MAX_BODY_CHARACTERS = 65_536;

/**
 * GitHub's answer to an over-long comment body (seen verbatim for IssueComment). Characters are counted as code points,
 * as Ruby counts them; GitHub may really be counting bytes of a 256 KiB column, so this is the documented, safe limit.
 */
export function checkBodyLength(operation: Documented, resource: string, text: string | null | undefined): void {
  if (text && [...text].length > MAX_BODY_CHARACTERS) {
    throw validationFailed(operation, [
      { resource, code: 'unprocessable', field: 'data', message: `Body is too long (maximum is ${MAX_BODY_CHARACTERS} characters)` },
    ]);
  }
}
