import { fileURLToPath } from 'node:url';
import { distFile } from '../assets';
import { startUntrusted, type UntrustedProcess } from '../sandbox/untrusted-process';
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
  /** `(solution_str, ground_truth, method='strict')`, for a call that does not fit it. */
  text?: string;
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
/**
 * The most the reward process may write to stdout, and to stderr, while it imports or answers one call: a reward
 * that prints a gigabyte, or returns a 600 MB value, is stopped there and the probe ends with that reason.
 */
export const OUTPUT_LIMIT_BYTES = 8 * 1024 * 1024;

type HarnessMessage = { ready?: FunctionSignature; value?: unknown; error?: string };

export class RewardProcess {
  private constructor(
    private readonly running: UntrustedProcess,
    private readonly messages: MessageReader,
    private readonly label: string,
    private readonly timeoutSeconds: number,
    readonly signature: FunctionSignature,
  ) {}

  static async start(reward: RewardFunction, options: RunnerOptions): Promise<RewardProcess> {
    const [command, args] = harnessCommand(reward, options.python);
    let running: UntrustedProcess;
    try {
      // The function is code from the repository (a pull request's, in the Action): it runs in the sandbox.
      running = startUntrusted({ command: [command, ...args], cwd: options.cwd, env: process.env, stdin: true });
    } catch (error) {
      throw new ProbeInputError(`cannot run ${command}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    // Writing to a process that died is reported by the next read (the stream closes), not as a crash.
    running.stdin?.on('error', () => {});
    const spawnFailed = running.exited.then((exit) => {
      if (exit.spawnError) throw new ProbeInputError(`cannot run ${command}: ${exit.spawnError.code ?? exit.spawnError.message}`);
      return new Promise<never>(() => {});
    });
    const messages = new MessageReader(running);
    const importSeconds = Math.max(IMPORT_SECONDS, options.timeoutSeconds);
    const first = await Promise.race([messages.next(importSeconds), spawnFailed]);
    if (first === 'timeout' || !first?.ready) {
      await running.stop();
      const reason =
        messages.overflow ? overflowText(messages.overflow)
          : first === 'timeout' ? `importing it took more than ${importSeconds} s`
            : first?.error ?? `the harness exited: ${messages.stderrTail.trim().split('\n').slice(-3).join(' ') || 'no output'}`;
      throw new ProbeInputError(`${reward.label}: cannot load the reward function: ${reason}`);
    }
    return new RewardProcess(running, messages, reward.label, options.timeoutSeconds, first.ready);
  }

  async call(request: CallRequest): Promise<CallOutcome> {
    this.messages.startCall();
    this.running.stdin?.write(JSON.stringify(request) + '\n');
    const reply = await this.messages.next(this.timeoutSeconds);
    if (reply === 'timeout') {
      await this.close();
      return { kind: 'timeout', seconds: this.timeoutSeconds };
    }
    if (!reply) {
      const exit = await this.running.stop();
      if (this.messages.overflow) throw new ProbeInputError(`${this.label}: ${overflowText(this.messages.overflow)}`);
      return { kind: 'error', error: `the reward process exited (${exit.signal ? `killed by ${exit.signal}` : `code ${exit.exitCode}`})` };
    }
    return reply.error !== undefined ? { kind: 'error', error: reply.error } : { kind: 'value', value: reply.value };
  }

  /** Ends the reward process and every process it started (a reward may start workers, or a daemon). */
  async close(): Promise<void> {
    await this.running.stop();
  }
}

function overflowText(stream: 'stdout' | 'stderr'): string {
  return `the reward function wrote more than ${OUTPUT_LIMIT_BYTES / 1024 / 1024} MiB to ${stream} in one call; it was stopped`;
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

/**
 * The harness's JSON messages, one per stdout line; other lines (a native library printing) are skipped. Each call
 * may write OUTPUT_LIMIT_BYTES to each stream: past that, the reader stops the process and says which stream.
 */
class MessageReader {
  private readonly queue: HarnessMessage[] = [];
  private waiting?: (message: HarnessMessage | undefined) => void;
  private closed = false;
  private line: Buffer[] = [];
  private written = { stdout: 0, stderr: 0 };
  overflow?: 'stdout' | 'stderr';
  /** The end of what it wrote to stderr, for an error at import. */
  stderrTail = '';

  constructor(private readonly running: UntrustedProcess) {
    running.stdout.on('data', (chunk: Buffer) => {
      if (!this.within('stdout', chunk.length)) return;
      let start = 0;
      for (let end = chunk.indexOf(10); end >= 0; start = end + 1, end = chunk.indexOf(10, start)) {
        this.line.push(chunk.subarray(start, end));
        this.receive(Buffer.concat(this.line).toString('utf8'));
        this.line = [];
      }
      if (start < chunk.length) this.line.push(chunk.subarray(start));
    });
    running.stderr.on('data', (chunk: Buffer) => {
      if (this.within('stderr', chunk.length)) this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    running.stdout.on('close', () => {
      this.closed = true;
      this.waiting?.(undefined);
    });
  }

  /** A new call: its own output budget (a line left unfinished keeps counting against it). */
  startCall(): void {
    this.written = { stdout: this.line.reduce((bytes, part) => bytes + part.length, 0), stderr: 0 };
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

  private within(stream: 'stdout' | 'stderr', bytes: number): boolean {
    if (this.overflow) return false;
    this.written[stream] += bytes;
    if (this.written[stream] <= OUTPUT_LIMIT_BYTES) return true;
    this.overflow = stream;
    this.line = [];
    void this.running.stop();
    return false;
  }

  private receive(line: string): void {
    const message = parseMessage(line);
    if (!message) return;
    if (this.waiting) this.waiting(message);
    else this.queue.push(message);
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
