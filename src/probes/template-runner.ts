import { fork } from 'node:child_process';
import { distFile } from '../assets';
import { untrustedEnvironment } from '../sandbox/environment';
import { displayPath } from './model-files';
import { ProbeInputError, type ProbeResult } from './probe';
import { probeTemplate, type TemplateProbeOptions } from './template-probe';

/**
 * Runs the template probe of one model directory in a child process under a time and a heap limit. The template and
 * the tokenizer files are the repository's: a Jinja loop that never ends, a split pattern in tokenizer.json that
 * backtracks without end, or `range(10**8)` must cost that directory's probe (a notice naming it), not the review
 * (a hung or aborted process, with no report).
 *
 * A process, not a worker thread: a worker's `resourceLimits` do not hold against one large allocation. A template
 * growing a list of 10**8 items in a worker limited to 128 MB to 1 GB aborted the whole process ("Reached heap limit
 * Allocation failed") in most runs on Node 20, where a process limited by --max-old-space-size dies alone.
 */

export interface TemplateProbeLimits {
  timeoutMs: number;
  /** The process's old-generation heap (`--max-old-space-size`). */
  heapMb: number;
}

/**
 * A probe takes a second or two (loading Gemma 3's 33 MB tokenizer.json, the largest of the corpus, the longest),
 * and its heap peaks between 192 and 256 MB (Gemma 3 again): limits far above what a real model needs, far below
 * what stalls or exhausts a runner.
 */
export const TEMPLATE_PROBE_LIMITS: TemplateProbeLimits = { timeoutMs: 60_000, heapMb: 1024 };

/** What the probe process is sent, and what it answers. */
export interface TemplateProbeRequest {
  dir: string;
  options: TemplateProbeOptions;
}
export type TemplateProbeReply = { result: ProbeResult } | { inputError: string } | { error: string };

/** The end of the process's stderr kept, to tell a heap exhaustion from another crash. */
const STDERR_KEPT = 4096;

/**
 * The probe of `dir` in a process running `script` (the bundle's `template-worker.js`). From sources (tests), where
 * there is no such script, it runs in this thread, unbounded. Any failure is a ProbeInputError naming the directory.
 */
export function probeTemplateIsolated(
  dir: string,
  options: TemplateProbeOptions,
  limits = TEMPLATE_PROBE_LIMITS,
  script = distFile('template-worker.js'),
): Promise<ProbeResult> {
  if (!script) return new Promise((resolve) => resolve(probeTemplate(dir, options)));
  const shown = displayPath(dir, options.cwd);
  return new Promise((resolve, reject) => {
    const child = fork(script, {
      // Not the parent's flags (a loader, --inspect): plain bundled code, as the worker pools run.
      execArgv: [`--max-old-space-size=${limits.heapMb}`],
      env: untrustedEnvironment(process.env),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT)));
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      outcome();
    };
    const fail = (message: string) => settle(() => reject(new ProbeInputError(`${shown}: ${message}`)));
    const watchdog = setTimeout(() => {
      fail(`stopped after ${limits.timeoutMs / 1000} s: a template loop or a tokenizer pattern that does not end`);
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    child.on('message', (reply: TemplateProbeReply) => {
      if ('result' in reply) settle(() => resolve(reply.result));
      else if ('inputError' in reply) settle(() => reject(new ProbeInputError(reply.inputError)));
      else fail(`the probe failed: ${reply.error}`);
    });
    child.on('error', (error) => fail(`the probe could not run: ${error.message}`));
    // After 'exit', stderr may still be arriving: 'close' has all of it.
    child.on('close', (code, signal) => {
      if (/heap out of memory/.test(stderr)) fail(`stopped at its ${limits.heapMb} MB memory limit: a template that builds huge lists or text`);
      else fail(`the probe stopped (${signal ?? `exit code ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-1)[0]}` : ''}`);
    });
    child.send({ dir, options } satisfies TemplateProbeRequest);
  });
}
