import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../command-line';
import { ADVERSARIAL_MIX, CASE_KINDS, type CaseKind } from './cases';
import { PolicyServer, type PolicyServerOptions } from './server';
import { loadPolicyTokenizer, PolicyModelError } from './tokens';

export const POLICY_USAGE = `Usage:
  rl-review policy serve [options]   serve a scripted policy on an OpenAI-compatible endpoint (127.0.0.1), for
                                     rollout code to call instead of a model: no GPU, seconds per run

Options:
  --port N            the port (default: a free one); the base URL is printed on stdout
  --policy NAME|FILE  adversarial (default: every case in a seeded order), correct (the correct answer only), or a
                      YAML file: {cases: [correct, empty, ...] (default: adversarial's), seed: 0,
                      answer: "..."}
  --model DIR         a model directory with tokenizer.json: real token ids, logprobs and /tokenize
                      (default: one id per UTF-8 byte)
  --answer TEXT       a correct answer in the dataset's format (default: "The answer is 42.")
  --seed N            the order of the cases (default: 0)
  --record FILE       write every request and the case that answered it to FILE (JSONL)

Cases: ${CASE_KINDS.join(', ')}.
Tool-call cases are served only to requests that use tool calls: tools declared, or <tool_call> in the prompt.
`;

const DEFAULT_ANSWER = 'The answer is 42.';

const policyFileSchema = z.strictObject({
  cases: z.array(z.enum(CASE_KINDS)).min(1).default([...ADVERSARIAL_MIX]),
  seed: z.number().int().optional(),
  answer: z.string().optional(),
});

/** `rl-review policy serve ...`: runs until it is interrupted. Returns the exit status of a usage error. */
export async function runPolicy(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    process.stdout.write(POLICY_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'serve') throw new UsageError(`unknown policy command '${sub}': policy serve`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      policy: { type: 'string', default: 'adversarial' },
      model: { type: 'string' },
      answer: { type: 'string' },
      seed: { type: 'string' },
      record: { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`policy serve takes no arguments (got '${positionals[0]}')`);
  const options = policyServerOptions({ policy: values.policy, model: values.model, answer: values.answer, seed: integerOption(values.seed, '--seed') });
  const server = await PolicyServer.start({ ...options, recording: values.record, port: integerOption(values.port, '--port') });
  process.stdout.write(`${server.baseUrl}\n`);
  process.stderr.write(`rl-review: policy server on ${server.baseUrl} (tokens: ${options.tokenizer.source})\n`);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await server.close();
  return 0;
}

/**
 * What `policy serve`, `rollout run --policy` and a review's `rollout.policy` start a server with; input errors are
 * usage errors naming the flag (or the config key). A policy file is read relative to `cwd`.
 */
export function policyServerOptions(
  flags: { policy: string; model?: string; answer?: string; seed?: number; exampleAnswer?: string; cwd?: string },
  name = '--policy',
): PolicyServerOptions {
  const policy = policyOf(flags.policy, name, flags.cwd ?? process.cwd());
  let tokenizer;
  try {
    tokenizer = loadPolicyTokenizer(flags.model);
  } catch (error) {
    if (error instanceof PolicyModelError) throw new UsageError(`${name === '--policy' ? '--model' : name} ${error.message}`);
    throw error;
  }
  return {
    mix: policy.cases,
    seed: flags.seed ?? policy.seed ?? 0,
    // The reward probe's example (`probes.reward-example`) is an answer the reward pays, in the dataset's format.
    answer: flags.answer ?? policy.answer ?? flags.exampleAnswer ?? DEFAULT_ANSWER,
    model: 'rl-review-policy',
    tokenizer,
  };
}

/** `adversarial`, `correct`, or a YAML file (relative to `cwd`, named as given in errors). */
function policyOf(value: string, name: string, cwd: string): { cases: readonly CaseKind[]; seed?: number; answer?: string } {
  if (value === 'adversarial') return { cases: ADVERSARIAL_MIX };
  if (value === 'correct') return { cases: ['correct'] };
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(resolve(cwd, value), 'utf8'));
  } catch (error) {
    throw new UsageError(`${name} ${value}: not adversarial, correct or a readable YAML file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const parsed = policyFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${name} ${value}: '${issue.path.join('.') || 'the file'}': ${issue.message}`);
  }
  return parsed.data;
}

function integerOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535 * 65_536) throw new UsageError(`${flag} must be a whole number (got '${value}')`);
  return parsed;
}
