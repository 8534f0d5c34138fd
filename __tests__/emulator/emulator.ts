// A local GitHub API (REST + a slice of GraphQL) over node:http. Every request is checked against GitHub's OpenAPI
// description; what the real API would reject is answered as GitHub answers it and recorded in `violations`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  badCredentials,
  GitHubError,
  invalidRequest,
  notAccessibleByIntegration,
  notFound,
  problemsParsingJson,
  requiresAuthentication,
  type Reply,
} from './errors';
import { Fault, type FaultOptions } from './faults';
import type { GitRepository } from './git';
import { runGraphQL } from './graphql';
import { handlers, NotEmulated, type HandlerContext } from './handlers';
import { OpenApiContract, type ContractOperation, type SpecName } from './openapi';
import type { Site } from './resources';
import { ACTIONS_BOT, EmulatorState, type Account, type PullRequestRecord } from './state';

export type Scope = 'contents' | 'pull-requests' | 'issues' | 'checks' | 'actions';
export type Access = 'none' | 'read' | 'write';
/** A workflow's `permissions:` block: scopes it leaves out get `none`, as on GitHub. */
export type Permissions = Partial<Record<Scope, Access>>;

const SCOPES: Scope[] = ['contents', 'pull-requests', 'issues', 'checks', 'actions'];

export interface Violation {
  /** `emulator-error` is a bug in the emulator (answered with a 500 carrying the stack). */
  kind: 'unknown-route' | 'invalid-parameters' | 'invalid-body' | 'invalid-graphql' | 'not-emulated' | 'emulator-error';
  method: string;
  path: string;
  operationId: string | undefined;
  problems: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  operationId: string | undefined;
  status: number;
  body: unknown;
  /** Login of the token's account; undefined without a token. */
  actor: string | undefined;
}

export interface EmulatorOptions {
  /** The git repository served as the GitHub repository `owner/name`. */
  repository: GitRepository;
  owner?: string;
  name?: string;
  defaultBranch?: string;
  /** Which OpenAPI description to enforce; a GHES one also serves the API under `/api/v3` as GHES does. */
  spec?: SpecName;
}

interface TokenGrant {
  account: Account;
  permissions: Record<Scope, Access>;
}

/** `GITHUB_TOKEN` may make 1,000 REST requests an hour per repository. */
const GITHUB_TOKEN_RATE_LIMIT = 1000;

export class GitHubEmulator {
  readonly spec: SpecName;
  readonly state: EmulatorState;
  /** Requests the real API would reject, or that the emulator cannot answer truly. A good run leaves this empty. */
  readonly violations: Violation[] = [];
  readonly requests: RecordedRequest[] = [];
  /** `GITHUB_TOKEN` with write access, as a workflow on a same-repository pull request gets it. */
  readonly token: string;
  private readonly contract: OpenApiContract;
  private readonly server: Server;
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly faults: Fault[] = [];
  private readonly isEnterprise: boolean;
  private origin = '';
  private rateLimitUsed = 0;

  constructor(options: EmulatorOptions) {
    this.spec = options.spec ?? 'api.github.com';
    this.isEnterprise = this.spec.startsWith('ghes-');
    this.contract = OpenApiContract.load(this.spec);
    this.state = new EmulatorState({
      owner: { login: options.owner ?? 'octo-org', id: 4001, type: 'Organization' },
      name: options.name ?? 'rl-project',
      defaultBranch: options.defaultBranch ?? 'main',
      git: options.repository,
    });
    this.token = this.createToken('write');
    this.server = createServer((request, response) => void this.serve(request, response));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** `GITHUB_API_URL`: `http://127.0.0.1:PORT`, or `…/api/v3` for GHES. */
  get url(): string {
    return this.isEnterprise ? `${this.origin}/api/v3` : this.origin;
  }

  /** `GITHUB_SERVER_URL`: the web host (links to files and rule docs). */
  get serverUrl(): string {
    return this.origin;
  }

  /** `GITHUB_GRAPHQL_URL`. */
  get graphqlUrl(): string {
    return this.isEnterprise ? `${this.origin}/api/graphql` : `${this.origin}/graphql`;
  }

  get repository(): { owner: string; name: string; fullName: string } {
    const { owner, name } = this.state.repository;
    return { owner: owner.login, name, fullName: `${owner.login}/${name}` };
  }

  /** A new token: `'read'` is what a pull request from a fork gets; a `Permissions` object is a workflow's `permissions:`. */
  createToken(permissions: 'read' | 'write' | Permissions = 'write', account: Account = ACTIONS_BOT): string {
    const granted = Object.fromEntries(
      SCOPES.map((scope) => [scope, typeof permissions === 'string' ? permissions : (permissions[scope] ?? 'none')]),
    ) as Record<Scope, Access>;
    const token = `ghs_emulator${this.tokens.size.toString().padStart(4, '0')}${Math.random().toString(36).slice(2, 14)}`;
    this.tokens.set(token, { account, permissions: granted });
    return token;
  }

  openPullRequest(options: Parameters<EmulatorState['openPullRequest']>[0]): Promise<PullRequestRecord> {
    return this.state.openPullRequest(options);
  }

  /** After commits (or a force-push) to the head branch: what GitHub does on `synchronize`. */
  synchronize(number: number): Promise<{ before: string; after: string }> {
    return this.state.synchronize(number);
  }

  /** Makes matching requests fail; the returned fault counts how many it failed (`fired`). */
  injectFault(options: FaultOptions): Fault {
    if (options.operation !== 'graphql') this.contract.operation(options.operation);
    const fault = new Fault(options);
    this.faults.push(fault);
    return fault;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Where resources point (API and web URLs) and the state they render: for building event payloads. */
  get site(): Site {
    return { apiUrl: this.url, serverUrl: this.serverUrl, state: this.state };
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.origin);
    const method = (request.method ?? 'GET').toUpperCase();
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const grant = token === undefined ? undefined : this.tokens.get(token);
    const record: RecordedRequest = { method, path: url.pathname + url.search, operationId: undefined, status: 0, body: undefined, actor: grant?.account.login };
    let reply: Reply;
    try {
      if (token !== undefined && !grant) throw badCredentials();
      reply = await this.dispatch(method, url, raw, request, grant, record);
    } catch (error) {
      if (error instanceof GitHubError) {
        reply = error.reply;
      } else {
        // A bug in the emulator: say so loudly instead of pretending to be GitHub.
        const problem = error instanceof Error ? (error.stack ?? error.message) : String(error);
        this.violations.push({ kind: 'emulator-error', method, path: record.path, operationId: record.operationId, problems: [problem] });
        reply = { status: 500, body: { message: `rl-review emulator error: ${problem}` } };
      }
    }
    record.status = reply.status;
    this.requests.push(record);
    this.send(response, reply);
  }

  private async dispatch(method: string, url: URL, raw: string, request: IncomingMessage, grant: TokenGrant | undefined, record: RecordedRequest): Promise<Reply> {
    const artifact = /^\/_emulator\/artifacts\/(\d+)\.zip$/.exec(url.pathname);
    if (artifact) {
      const found = this.state.artifacts.find((candidate) => candidate.id === Number(artifact[1]));
      return found ? { status: 200, body: found.archive, headers: { 'content-type': 'application/zip' } } : { status: 404, body: 'Not Found' };
    }
    const graphqlPath = this.isEnterprise ? '/api/graphql' : '/graphql';
    if (url.pathname === graphqlPath && method === 'POST') {
      record.operationId = 'graphql';
      return this.graphql(raw, grant, record, url.pathname);
    }
    const prefix = this.isEnterprise ? '/api/v3' : '';
    const violation = (kind: Violation['kind'], problems: string[], operationId?: string): void => {
      this.violations.push({ kind, method, path: url.pathname + url.search, operationId, problems });
    };
    const route = url.pathname.startsWith(`${prefix}/`) ? this.contract.match(method, url.pathname.slice(prefix.length)) : ({ kind: 'unknown-path' } as const);
    if (route.kind !== 'operation') {
      const problem = route.kind === 'unknown-path' ? `no path of ${this.spec} matches` : `${route.template} has no ${method}`;
      violation('unknown-route', [problem]);
      throw notFound(undefined);
    }
    const { operation, pathParameters } = route;
    record.operationId = operation.operationId;

    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        violation('invalid-body', ['the body is not JSON'], operation.operationId);
        throw problemsParsingJson(operation);
      }
    }
    record.body = body;
    const parameters = this.contract.checkParameters(operation, pathParameters, url.searchParams);
    if (parameters.pathProblems.length > 0) {
      violation('unknown-route', parameters.pathProblems, operation.operationId);
      throw notFound(operation);
    }
    if (parameters.queryProblems.length > 0) {
      violation('invalid-parameters', parameters.queryProblems, operation.operationId);
      throw invalidRequest(operation, parameters.queryProblems);
    }
    const bodyProblems = method === 'GET' ? [] : this.contract.checkBody(operation, body);
    if (bodyProblems.length > 0) {
      violation('invalid-body', bodyProblems, operation.operationId);
      throw invalidRequest(operation, bodyProblems);
    }

    this.strikeFaults({ operationId: operation.operationId, parameters: parameters.values, body, actor: grant?.account.login }, operation.documentationUrl);
    const actor = this.authorize(operation, method, grant, parameters.values);
    const headers = this.rateLimit(grant);
    const { owner, name } = this.state.repository;
    if (
      String(parameters.values.owner ?? owner.login).toLowerCase() !== owner.login.toLowerCase() ||
      String(parameters.values.repo ?? name).toLowerCase() !== name.toLowerCase()
    ) {
      throw notFound(operation);
    }

    const handler = handlers[operation.operationId];
    if (!handler) {
      violation('not-emulated', [`${operation.operationId} is valid but not emulated`], operation.operationId);
      return { status: 501, body: { message: `rl-review emulator: ${operation.operationId} is not emulated` } };
    }
    const context: HandlerContext = {
      site: this.site,
      state: this.state,
      operation,
      parameters: parameters.values,
      body,
      actor,
      url,
      accept: request.headers.accept ?? '',
    };
    try {
      const reply = await handler(context);
      return { ...reply, headers: { ...headers, ...reply.headers } };
    } catch (error) {
      if (!(error instanceof NotEmulated)) throw error;
      violation('not-emulated', [error.message], operation.operationId);
      return { status: 501, body: { message: `rl-review emulator: ${error.message} is not emulated` } };
    }
  }

  private graphql(raw: string, grant: TokenGrant | undefined, record: RecordedRequest, path: string): Reply {
    const documentation = { documentationUrl: 'https://docs.github.com/graphql' };
    if (!grant) {
      throw new GitHubError({ status: 401, body: { message: 'This endpoint requires you to be authenticated.', documentation_url: documentation.documentationUrl } });
    }
    let request: { query?: unknown; variables?: unknown };
    try {
      request = JSON.parse(raw) as typeof request;
    } catch {
      this.violations.push({ kind: 'invalid-graphql', method: 'POST', path, operationId: 'graphql', problems: ['the body is not JSON'] });
      throw problemsParsingJson(documentation);
    }
    record.body = request;
    this.strikeFaults({ operationId: 'graphql', parameters: {}, body: request, actor: grant.account.login }, documentation.documentationUrl);
    const access = grant.permissions['pull-requests'];
    const result = runGraphQL(request, { site: this.site, actor: grant.account, canRead: access !== 'none', canWrite: access === 'write' });
    if (result.invalid.length > 0) {
      this.violations.push({ kind: 'invalid-graphql', method: 'POST', path, operationId: 'graphql', problems: result.invalid.map((error) => error.message) });
    }
    return { status: 200, body: result.body, headers: this.rateLimit(grant) };
  }

  private strikeFaults(request: Parameters<Fault['strike']>[0], documentationUrl: string): void {
    for (const fault of this.faults) {
      const error = fault.strike(request, documentationUrl);
      if (error) throw error;
    }
  }

  /** The token's account, if its permissions allow the operation: reads need `read`, anything else `write`. */
  private authorize(operation: ContractOperation, method: string, grant: TokenGrant | undefined, parameters: Record<string, unknown>): Account {
    const isWrite = method !== 'GET';
    if (!grant) {
      if (isWrite) throw requiresAuthentication(operation);
      return { login: 'anonymous', id: 0, type: 'User' };
    }
    const scopes = scopesOf(operation, this.state.pullRequests.has(Number(parameters.issue_number)));
    const needed: Access = isWrite ? 'write' : 'read';
    const allowed = scopes.length === 0 || scopes.some((scope) => grant.permissions[scope] === 'write' || grant.permissions[scope] === needed);
    if (!allowed) throw notAccessibleByIntegration(operation);
    return grant.account;
  }

  /** GitHub's rate-limit headers; past `GITHUB_TOKEN`'s hourly budget, its 403. GHES has no rate limit by default. */
  private rateLimit(grant: TokenGrant | undefined): Record<string, string> {
    if (this.isEnterprise || !grant) return {};
    this.rateLimitUsed += 1;
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const headers = {
      'x-ratelimit-limit': String(GITHUB_TOKEN_RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(GITHUB_TOKEN_RATE_LIMIT - this.rateLimitUsed, 0)),
      'x-ratelimit-reset': reset,
      'x-ratelimit-used': String(this.rateLimitUsed),
      'x-ratelimit-resource': 'core',
    };
    if (this.rateLimitUsed > GITHUB_TOKEN_RATE_LIMIT) {
      throw new GitHubError({
        status: 403,
        body: { message: 'API rate limit exceeded for installation.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
        headers,
      });
    }
    return headers;
  }

  private send(response: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `EMU:${this.requests.length}`,
      ...(this.isEnterprise ? { 'x-github-enterprise-version': this.spec.replace('ghes-', '') + '.0' } : {}),
      ...reply.headers,
    };
    let payload: string | Buffer = '';
    if (Buffer.isBuffer(reply.body) || typeof reply.body === 'string') {
      payload = reply.body;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else if (reply.body !== undefined) {
      payload = JSON.stringify(reply.body);
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    response.writeHead(reply.status, headers);
    response.end(payload);
  }
}

/** The token scopes that grant an operation; none for metadata (the repository itself), which every token reads. */
function scopesOf(operation: ContractOperation, isPullRequestIssue: boolean): Scope[] {
  switch (operation.category) {
    case 'pulls':
      return ['pull-requests'];
    // Comments on a pull request's conversation go through the issues API but are granted by either scope.
    case 'issues':
      return isPullRequestIssue ? ['issues', 'pull-requests'] : ['issues'];
    case 'checks':
      return ['checks'];
    case 'actions':
      return ['actions'];
    case 'repos':
      return operation.subcategory === 'contents' ? ['contents'] : [];
    case 'git':
      return ['contents'];
    default:
      return [];
  }
}

/** Starts an emulator on a free port of 127.0.0.1. Close it in `afterAll`/`afterEach`. */
export async function startEmulator(options: EmulatorOptions): Promise<GitHubEmulator> {
  const emulator = new GitHubEmulator(options);
  await emulator.listen();
  return emulator;
}
