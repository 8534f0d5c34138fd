import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import treeKill from 'tree-kill';
import { distFile } from '../assets';
import { untrustedEnvironment } from '../sandbox/environment';
import { ProbeInputError } from './probe';

/**
 * Runs a repository's reward function in its own process (the repo's python, or node for JS/TS) through a small
 * harness shipped with rl-review, one call at a time, and kills it when a call outlasts the timeout: a reward that
 * hangs must not hang the review.
 */

export type RewardLanguage = 'python' | 'javascript';

export interface RewardFunction {
  /** Absolute path of the file that defines it. */
  file: string;
  /** `path/to/file.py:compute_score`, as the user wrote it. */
  label: string;
  name: string;
  language: RewardLanguage;
}

/** The keyword parameters the function takes (Python only: TRL passes dataset columns by name). */
export interface FunctionSignature {
  parameters: string[];
  varkw: boolean;
}

export interface CallRequest {
  args?: unknown[];
  kwargs?: Record<string, unknown>;
}

export type CallOutcome =
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; error: string }
  | { kind: 'timeout'; seconds: number };

export interface RunnerOptions {
  cwd: string;
  /** The Python interpreter (the repository's environment, where the reward's imports resolve). */
  python: string;
  /** Per call. */
  timeoutSeconds: number;
}

/** Importing a reward module may pull in torch or transformers: it gets at least this long. */
const IMPORT_SECONDS = 60;

type HarnessMessage = { ready?: FunctionSignature; value?: unknown; error?: string };

export class RewardProcess {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly messages: MessageReader,
    private readonly timeoutSeconds: number,
    readonly signature: FunctionSignature,
  ) {}

  static async start(reward: RewardFunction, options: RunnerOptions): Promise<RewardProcess> {
    const [command, args] = harnessCommand(reward, options.python);
    // The function is code from the repository (a pull request's, in the Action): it gets no token.
    const child = spawn(command, args, { cwd: options.cwd, env: untrustedEnvironment(process.env) });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    // Writing to a process that died is reported by the next read (the stream closes), not as a crash.
    child.stdin.on('error', () => {});
    const spawnFailed = new Promise<never>((_, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) => reject(new ProbeInputError(`cannot run ${command}: ${error.code ?? error.message}`)));
    });
    const messages = new MessageReader(child);
    const importSeconds = Math.max(IMPORT_SECONDS, options.timeoutSeconds);
    const first = await Promise.race([messages.next(importSeconds), spawnFailed]);
    if (first === 'timeout' || !first?.ready) {
      kill(child);
      const reason =
        first === 'timeout' ? `importing it took more than ${importSeconds} s`
          : first?.error ?? `the harness exited: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`;
      throw new ProbeInputError(`${reward.label}: cannot load the reward function: ${reason}`);
    }
    return new RewardProcess(child, messages, options.timeoutSeconds, first.ready);
  }

  async call(request: CallRequest): Promise<CallOutcome> {
    this.child.stdin.write(JSON.stringify(request) + '\n');
    const reply = await this.messages.next(this.timeoutSeconds);
    if (reply === 'timeout') {
      this.close();
      return { kind: 'timeout', seconds: this.timeoutSeconds };
    }
    if (!reply) return { kind: 'error', error: `the reward process exited (code ${this.child.exitCode})` };
    return reply.error !== undefined ? { kind: 'error', error: reply.error } : { kind: 'value', value: reply.value };
  }

  close(): void {
    kill(this.child);
  }
}

/** The whole process tree: a reward may have started workers of its own. */
function kill(child: ChildProcessWithoutNullStreams): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) treeKill(child.pid, 'SIGKILL');
}

/** TypeScript runs through Node's type stripping (Node 22.6+), as a TypeScript environment would run it. */
function harnessCommand(reward: RewardFunction, python: string): [string, string[]] {
  if (reward.language === 'python') return [python, [harnessPath('reward_harness.py'), reward.file, reward.name]];
  const isTypeScript = /\.[mc]?ts$/.test(reward.file);
  if (isTypeScript && !nodeStripsTypes()) {
    throw new ProbeInputError(`${reward.label}: TypeScript reward functions need Node.js 22.6 or newer (this is ${process.version}); point --function at the compiled .js`);
  }
  const flags = isTypeScript ? ['--experimental-strip-types', '--no-warnings'] : [];
  return [process.execPath, [...flags, harnessPath('reward_harness.mjs'), reward.file, reward.name]];
}

function nodeStripsTypes(): boolean {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 6);
}

/** Beside the bundle in `dist/`, else beside this module in `src/probes/`. */
function harnessPath(name: string): string {
  return distFile(name) ?? fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** The harness's JSON messages, one per stdout line; other lines (a native library printing) are skipped. */
class MessageReader {
  private readonly queue: HarnessMessage[] = [];
  private waiting?: (message: HarnessMessage | undefined) => void;
  private closed = false;

  constructor(child: ChildProcessWithoutNullStreams) {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const message = parseMessage(line);
      if (!message) return;
      if (this.waiting) this.waiting(message);
      else this.queue.push(message);
    });
    lines.on('close', () => {
      this.closed = true;
      this.waiting?.(undefined);
    });
  }

  /** The next message; undefined when the process has exited, 'timeout' when none came in time. */
  next(seconds: number): Promise<HarnessMessage | undefined | 'timeout'> {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve('timeout');
      }, seconds * 1000);
      this.waiting = (message) => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve(message);
      };
    });
  }
}

function parseMessage(line: string): HarnessMessage | undefined {
  try {
    const message: unknown = JSON.parse(line);
    return message && typeof message === 'object' && !Array.isArray(message) ? (message as HarnessMessage) : undefined;
  } catch {
    return undefined;
  }
}
