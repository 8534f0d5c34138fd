import { parseShard, type Shard } from '../analysis/shard';
import { SEVERITIES, type Severity } from '../findings';

/** Which findings of a pull request are reported. */
export const SCOPES = ['changed-lines', 'changed-files', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

/** Where the findings of a pull request are posted. */
export const COMMENT_MODES = ['review', 'summary', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** Which commit of a pull request the config file is read from. */
export const CONFIG_REFS = ['base', 'head'] as const;
export type ConfigRef = (typeof CONFIG_REFS)[number];

export const FAIL_ON = [...SEVERITIES, 'never'] as const;
export type FailOn = Severity | 'never';

/** The inputs of action.yml, validated. */
export interface ActionInputs {
  githubToken: string;
  /** Repository-relative files or directories; `.` is the whole repository. */
  paths: string[];
  /** A config file path; undefined: `.github/rl-review.yml` (or `.yaml`) when it exists. */
  config?: string;
  configRef: ConfigRef;
  failOn: FailOn;
  scope: Scope;
  comment: CommentMode;
  maxComments: number;
  auditIssue: boolean;
  /** An audit of this share of the files only, for a matrix of jobs whose reports a later job merges. */
  shard?: Shard;
  /** An audit that publishes these JSON reports (of the shards), merged, instead of analyzing. */
  reports?: string[];
}

export class InputError extends Error {}

/** `getInput` as @actions/core provides it: the trimmed value, '' when unset. */
export type InputReader = (name: string) => string;

function oneOf<T extends string>(read: InputReader, name: string, choices: readonly T[], fallback: T): T {
  const value = read(name) || fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new InputError(`input '${name}' must be one of ${choices.join(', ')} (got '${value}')`);
  }
  return value as T;
}

export function readInputs(read: InputReader): ActionInputs {
  const maxCommentsText = read('max-comments') || '25';
  const maxComments = Number(maxCommentsText);
  if (!Number.isInteger(maxComments) || maxComments < 0) {
    throw new InputError(`input 'max-comments' must be a whole number, 0 or more (got '${maxCommentsText}')`);
  }
  const auditIssue = read('audit-issue') || 'false';
  if (!['true', 'false'].includes(auditIssue)) throw new InputError(`input 'audit-issue' must be true or false (got '${auditIssue}')`);
  const paths = list(read('paths') || '.');
  for (const path of paths) {
    if (path.startsWith('/') || path.split('/').includes('..')) {
      throw new InputError(`input 'paths': '${path}' must be relative to the repository root and stay inside it`);
    }
  }
  const githubToken = read('github-token');
  if (!githubToken) throw new InputError("input 'github-token' is empty (its default is the job's token, ${{ github.token }})");
  return {
    githubToken,
    paths: paths.length ? paths : ['.'],
    config: read('config') || undefined,
    configRef: oneOf(read, 'config-ref', CONFIG_REFS, 'base'),
    failOn: oneOf(read, 'fail-on', FAIL_ON, 'error'),
    scope: oneOf(read, 'scope', SCOPES, 'changed-lines'),
    comment: oneOf(read, 'comment', COMMENT_MODES, 'review'),
    maxComments,
    auditIssue: auditIssue === 'true',
    ...(read('shard') ? { shard: shardInput(read('shard')) } : {}),
    ...(read('reports') ? { reports: list(read('reports')) } : {}),
  };
}

/** One per line or comma-separated. */
function list(value: string): string[] {
  return value.split(/[\n,]/).map((item) => item.trim()).filter(Boolean);
}

function shardInput(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InputError(`input 'shard' ${(error as Error).message}`);
  }
}

/** Whether a repository-relative path is one of `paths` or inside one of them. */
export function isInPaths(path: string, paths: readonly string[]): boolean {
  return paths.some((p) => {
    const prefix = p.replace(/^\.\/?/, '').replace(/\/+$/, '');
    return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
  });
}
