import * as core from '@actions/core';
import type { z } from 'zod';
import type { Config } from '../config';
import { untrustedCodeReason } from '../github/events';
import { probesConfigSchema } from '../probes/config';
import { mergeReportFiles } from '../report/merge';
import { plural } from '../rollout/checks/check';
import { rolloutConfigSchema } from '../rollout/config';
import { InputError, type InputReader } from './inputs';
import type { ActionRun } from './pipeline';

/**
 * The Action's side of the runtime analyses (src/review/runtime.ts): its inputs set over the config's `probes:` and
 * `rollout:` sections, and the refusal to run a pull request's code where it would get this job's secrets.
 */

/** Config keys and the inputs that set them. */
const PROBE_INPUTS = { 'reward-function': 'reward-function', 'reward-style': 'reward-style', python: 'python' } as const;
const SMOKE_INPUTS = { command: 'smoke-command', timeout: 'smoke-timeout', output: 'smoke-output', format: 'smoke-format', policy: 'smoke-policy' } as const;

/** `config` with every input that is set over it: an input wins over the config file. */
export function withInputs(config: Config, read: InputReader): Config {
  return {
    ...config,
    probes: { ...config.probes, ...readSection(read, PROBE_INPUTS, probesConfigSchema.pick({ 'reward-function': true, 'reward-style': true, python: true })) },
    rollout: { ...config.rollout, ...readSection(read, SMOKE_INPUTS, rolloutConfigSchema.pick({ command: true, timeout: true, output: true, format: true, policy: true })) },
  };
}

/** The inputs that are set, validated like the config keys they stand for; an invalid one names the input. */
function readSection<T extends z.ZodType>(read: InputReader, inputs: Record<string, string>, schema: T): z.infer<T> {
  const raw = Object.fromEntries(Object.entries(inputs).flatMap(([key, input]) => (read(input) ? [[key, read(input)]] : [])));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue.path[0]);
  const why = issue.code === 'invalid_value' ? `must be one of ${issue.values.join(', ')}` : issue.message;
  throw new InputError(`input '${inputs[key]}' ${why} (got '${raw[key]}')`);
}

/**
 * Before the runtime analyses: the reward function and the smoke command are code from the workspace. Under an event
 * that can carry a pull request's code (src/github/events.ts) they would run it with this job's token and secrets:
 * they are dropped from the run, with a remark, unless `allow-untrusted-smoke: true`. The template probe only reads
 * files and always runs.
 */
export function refuseUntrustedCode(run: ActionRun): void {
  const untrusted = untrustedCodeReason(run.event);
  const allowed = core.getInput('allow-untrusted-smoke') || 'false';
  if (!['true', 'false'].includes(allowed)) throw new InputError(`input 'allow-untrusted-smoke' must be true or false (got '${allowed}')`);
  if (!untrusted || allowed === 'true') return;
  const { probes, rollout } = run.config;
  const refused: { part: string; code: string }[] = [];
  if (probes['reward-function']) refused.push({ part: 'reward probe', code: 'the reward function' });
  if (rollout.command) refused.push({ part: 'smoke rollout', code: 'the smoke command' });
  for (const { part, code } of refused) {
    const remark = `The ${part} did not run: ${untrusted}, and ${code} is code from the pull request (set allow-untrusted-smoke: true to run it anyway).`;
    core.warning(remark);
    run.remarks.push(remark);
  }
  run.config = { ...run.config, probes: { ...probes, 'reward-function': undefined }, rollout: { ...rollout, command: undefined } };
}

/**
 * A sharded audit (`shard`) runs the probes once, in its first shard, and the smoke rollout not at all: the merge
 * keeps the probes' tables but cannot rebuild a smoke rollout's report from its JSON.
 */
export function runtimeInFirstShard(run: ActionRun): void {
  const { shard } = run.inputs;
  if (!shard) return;
  const { probes, rollout } = run.config;
  if (rollout.command || rollout.dumps) run.remarks.push('The smoke rollout does not run in a sharded audit (`shard`): run it in a job of its own.');
  const firstShard = shard.index === 1;
  run.config = { ...run.config, probes: firstShard ? probes : { ...probes, template: [], 'reward-function': undefined }, rollout: { ...rollout, command: undefined, dumps: undefined } };
}

/** The job that gathers a sharded audit: the shards' JSON reports (`reports`), merged, are this run's report. */
export function mergedReports(run: ActionRun): void {
  const { report, files } = mergeReportFiles(run.inputs.reports!, run.root);
  run.report = report;
  run.remarks.push(`Merged from ${plural(files.length, 'report')}: ${files.join(', ')}.`);
}
