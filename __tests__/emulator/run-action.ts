// Runs the bundled Action (`node dist/index.js`) as a GitHub runner would: a clean environment of GITHUB_*/RUNNER_*
// variables, INPUT_* from action.yml's defaults and the step's `with:`, an event payload file, and a checkout.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { GitHubEmulator } from './emulator';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The runner refuses a step summary over 1 MiB (it shows an error instead of the summary). */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

export type EventName =
  | 'pull_request'
  | 'pull_request_target'
  | 'pull_request_review'
  | 'pull_request_review_comment'
  | 'issue_comment'
  | 'workflow_run'
  | 'workflow_dispatch'
  | 'schedule'
  | 'push';

/** Events whose runs check out the pull request's test merge commit, as `pull_request` does. */
const MERGE_REF_EVENTS = new Set<EventName>(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

export interface RunActionOptions {
  emulator: GitHubEmulator;
  eventName: EventName;
  /** The webhook payload (see payloads.ts); written to GITHUB_EVENT_PATH. */
  eventPayload: Record<string, unknown>;
  /** The step's `with:`, by input name (`github-token`, `fail-on`...). Unset inputs get action.yml's defaults. */
  inputs?: Record<string, string>;
  /** The job's `GITHUB_TOKEN`: what `${{ github.token }}` defaults expand to. Default: the emulator's write token. */
  token?: string;
  /** GITHUB_WORKSPACE and the working directory; default: a fresh `actions/checkout` of the event's commit. */
  cwd?: string;
  /** Extra environment (`RUNNER_DEBUG: '1'`...). */
  env?: Record<string, string>;
  /** The script run as the Action's `main`; default dist/index.js. */
  entry?: string;
  /** Kill the Action after this long (default 60 s); give the jest test a longer timeout than this. */
  timeoutMs?: number;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Step outputs written to GITHUB_OUTPUT (both `name=value` and `name<<delimiter` forms). */
  outputs: Record<string, string>;
  /** The job summary written to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Workflow commands the runner would act on (`::error file=a.py,line=3::msg`), after `::stop-commands::`. */
  commands: WorkflowCommand[];
  /** The `error`/`warning`/`notice` commands: annotations the runner would create. */
  annotations: WorkflowCommand[];
  workspace: string;
  /** Deletes the run's temp directories (the checkout too, if runAction made it). */
  remove(): void;
}

/** What `actions/checkout` leaves by default: a depth-1 clone of `ref`, detached, without the rest of the history. */
export async function checkout(emulator: GitHubEmulator, ref: string): Promise<string> {
  const workspace = mkdtempSync(join(tmpdir(), 'rl-review-workspace-'));
  const git = (args: string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn('git', ['-c', 'advice.detachedHead=false', ...args], { cwd: workspace, env: { PATH: process.env.PATH, HOME: workspace } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args.join(' ')}: ${stderr.trim()}`))));
    });
  await git(['init', '--quiet']);
  await git(['fetch', '--quiet', '--depth=1', `file://${emulator.state.repository.git.dir}`, ref]);
  await git(['checkout', '--quiet', '--detach', 'FETCH_HEAD']);
  return workspace;
}

/** GITHUB_SHA and GITHUB_REF for an event, as GitHub sets them. */
async function eventRef(emulator: GitHubEmulator, eventName: EventName, payload: Record<string, unknown>): Promise<{ sha: string; ref: string; headRef: string; baseRef: string }> {
  const { state } = emulator;
  const git = state.repository.git;
  const pullRequest = payload.pull_request as { number: number } | undefined;
  if (pullRequest) {
    const pull = state.pullRequest(pullRequest.number);
    if (MERGE_REF_EVENTS.has(eventName)) {
      // The test merge commit; GitHub does not run pull_request workflows at all while the branches conflict.
      if (!pull.mergeCommitSha) throw new Error(`pull request #${pull.number} conflicts with ${pull.base.ref}: GitHub would not run the workflow`);
      return { sha: pull.mergeCommitSha, ref: `refs/pull/${pull.number}/merge`, headRef: pull.head.ref, baseRef: pull.base.ref };
    }
    // pull_request_target runs on the base branch, with the base's code and a write token.
    return { sha: await git.revParse(`refs/heads/${pull.base.ref}`), ref: `refs/heads/${pull.base.ref}`, headRef: pull.head.ref, baseRef: pull.base.ref };
  }
  const ref = typeof payload.ref === 'string' ? payload.ref : `refs/heads/${state.repository.defaultBranch}`;
  return { sha: await git.revParse(ref), ref, headRef: '', baseRef: '' };
}

/** INPUT_* as the runner sets them: every input of action.yml (defaults filled in), upper-cased, spaces to `_`, dashes kept. */
function inputEnvironment(inputs: Record<string, string>, token: string): Record<string, string> {
  const actionYml = parseYaml(readFileSync(join(repositoryRoot, 'action.yml'), 'utf8')) as { inputs?: Record<string, { default?: unknown }> };
  const declared = actionYml.inputs ?? {};
  const unknown = Object.keys(inputs).filter((name) => !(name in declared));
  if (unknown.length > 0) throw new Error(`action.yml declares no input ${unknown.join(', ')}`);
  const environment: Record<string, string> = {};
  for (const [name, { default: fallback }] of Object.entries(declared)) {
    let value = inputs[name] ?? (fallback === undefined ? '' : String(fallback));
    value = value.replace(/\$\{\{\s*github\.token\s*\}\}/g, token);
    if (value.includes('${{')) throw new Error(`action.yml input ${name}: cannot evaluate ${value}`);
    environment[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return environment;
}

/** Reads GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      const end = lines.indexOf(delimiter, index + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing ${delimiter} for ${name}`);
      values[name] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else {
      if (equals <= 0) throw new Error(`GITHUB_OUTPUT: invalid line ${JSON.stringify(line)}`);
      values[line.slice(0, equals)] = line.slice(equals + 1);
    }
  }
  return values;
}

const unescapeData = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (text: string): string => unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** The workflow commands in a step's output, honouring `::stop-commands::TOKEN` … `::TOKEN::`. */
export function parseWorkflowCommands(output: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let resumeToken: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command, properties = '', message] = match;
    if (resumeToken !== undefined) {
      if (command === resumeToken && properties === '') resumeToken = undefined;
      continue;
    }
    if (command === 'stop-commands') {
      resumeToken = message;
      continue;
    }
    commands.push({
      command,
      properties: Object.fromEntries(
        properties
          .split(',')
          .filter(Boolean)
          .map((pair) => {
            const equals = pair.indexOf('=');
            return [pair.slice(0, equals), unescapeProperty(pair.slice(equals + 1))];
          }),
      ),
      message: unescapeData(message),
    });
  }
  return commands;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const { emulator, eventName, eventPayload } = options;
  const token = options.token ?? emulator.token;
  const { sha, ref, headRef, baseRef } = await eventRef(emulator, eventName, eventPayload);
  const workspace = options.cwd ?? (await checkout(emulator, ref));
  const runnerTemp = mkdtempSync(join(tmpdir(), 'rl-review-runner-'));
  const fileCommands = join(runnerTemp, '_runner_file_commands');
  mkdirSync(fileCommands);
  mkdirSync(join(runnerTemp, '_github_workflow'));
  const files = {
    event: join(runnerTemp, '_github_workflow', 'event.json'),
    output: join(fileCommands, 'set_output'),
    summary: join(fileCommands, 'step_summary'),
    env: join(fileCommands, 'set_env'),
    path: join(fileCommands, 'add_path'),
    state: join(fileCommands, 'save_state'),
  };
  writeFileSync(files.event, JSON.stringify(eventPayload, null, 2));
  for (const file of [files.output, files.summary, files.env, files.path, files.state]) writeFileSync(file, '');

  const { owner, fullName } = emulator.repository;
  const sender = (eventPayload.sender as { login?: string; id?: number } | undefined) ?? {};
  const environment: Record<string, string> = {
    // Nothing from the test process leaks in (when these tests run on Actions, its GITHUB_* would).
    PATH: process.env.PATH ?? '',
    HOME: runnerTemp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__rl-review_rl-review',
    GITHUB_ACTION_REPOSITORY: 'rl-review/rl-review',
    GITHUB_ACTION_REF: 'v1',
    GITHUB_ACTOR: sender.login ?? owner,
    GITHUB_ACTOR_ID: String(sender.id ?? 0),
    GITHUB_TRIGGERING_ACTOR: sender.login ?? owner,
    GITHUB_API_URL: emulator.url,
    GITHUB_SERVER_URL: emulator.serverUrl,
    GITHUB_GRAPHQL_URL: emulator.graphqlUrl,
    GITHUB_REPOSITORY: fullName,
    GITHUB_REPOSITORY_ID: String(emulator.state.repository.id),
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_REPOSITORY_OWNER_ID: String(emulator.state.repository.owner.id),
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_SHA: sha,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REF_PROTECTED: 'false',
    GITHUB_HEAD_REF: headRef,
    GITHUB_BASE_REF: baseRef,
    GITHUB_WORKSPACE: workspace,
    GITHUB_WORKFLOW: 'rl-review',
    GITHUB_WORKFLOW_REF: `${fullName}/.github/workflows/rl-review.yml@${ref}`,
    GITHUB_JOB: 'review',
    GITHUB_RUN_ID: '1000001',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STATE: files.state,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(runnerTemp, '_tool'),
    ...inputEnvironment(options.inputs ?? {}, token),
    ...options.env,
  };

  const entry = options.entry ?? join(repositoryRoot, 'dist', 'index.js');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { exitCode, stdout, stderr } = await new Promise<{ exitCode: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { cwd: workspace, env: environment, timeout: timeoutMs });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal) reject(new Error(`${entry} was killed (${signal}) after ${timeoutMs} ms; the end of its output:\n${`${out}\n${err}`.slice(-4000)}`));
      else resolve({ exitCode: code ?? 1, stdout: out, stderr: err });
    });
  });
  // The runner reads commands from both streams.
  const commands = parseWorkflowCommands(`${stdout}\n${stderr}`);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    commands,
    annotations: commands.filter((command) => ['error', 'warning', 'notice'].includes(command.command)),
    workspace,
    remove: () => {
      rmSync(runnerTemp, { recursive: true, force: true });
      if (!options.cwd) rmSync(workspace, { recursive: true, force: true });
    },
  };
}
