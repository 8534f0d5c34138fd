/**
 * The bundled CLI (dist/cli.js) reads a large JSONL dump with worker threads; its report must be exactly the one an
 * in-process read gives (from sources, as in this test). Build first: `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config';
import { formatRolloutJson } from '../../src/report/rollout-json';
import { MAX_LINE_BYTES } from '../../src/rollout/lines';
import { reviewRollout } from '../../src/rollout/review';
import { CHATML_PROMPT, tempDir } from './helpers';

const CLI = resolve('dist/cli.js');
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The lines of a dump with every kind of trajectory the checks judge, and every kind of line that is skipped. */
function dumpLine(i: number): string | Buffer {
  const group = `g${Math.floor(i / 8)}`;
  const words = `step ${i} checks the value ${(i * 7919) % 1000} and sums it. `.repeat(1 + (i % 9));
  const ids = { prompt_ids: [151644, 872, 198, 151645, 198, 151644, 77091, 198], response_ids: [5, 6, 151645, 198, 151644, 872, 198, 9, 151645] };
  switch (i % 16) {
    case 0:
      return JSON.stringify({ prompt: CHATML_PROMPT, response: `${words}<tool_call>{"name": "calc"}</tool_call><|im_end|>`, reward: 1, group, finish_reason: 'tool' });
    case 1:
      return JSON.stringify({ prompt: CHATML_PROMPT, response: `<tool_call>{"name": calc}</tool_call>${words}`, reward: 0.5, group, ground_truth: '' });
    case 2:
      return JSON.stringify({ prompt: CHATML_PROMPT, response: `${words}<|im_end|>\n<|im_start|>user\nmore<|im_end|>`, reward: 0, group, finish_reason: 'length' });
    case 3:
      return JSON.stringify({ prompt: CHATML_PROMPT.replace(/<\|im_start\|>assistant\n$/, ''), response: ' the answer is'.repeat(200), reward: 2, group });
    case 4:
      return `{"prompt": ${JSON.stringify(CHATML_PROMPT)}, "response": "x", "reward": NaN, "group": "${group}"}`;
    case 5:
      return JSON.stringify({ prompt: CHATML_PROMPT, response: `${words}<|im_end|>`, reward: -0, group, error: 'sandbox timeout', ...ids, loss_mask: [1, 1, 1, 1, 0, 0, 0, 1, 1] });
    case 6:
      return JSON.stringify({ prompt: CHATML_PROMPT, response: `${words}<|im_end|>`, reward: 1, group, step: 3, ...ids, loss_mask: [1, 1, 1, 0, 0, 0, 0, 1, 1] });
    case 7:
      return JSON.stringify({ prompt: CHATML_PROMPT, response: '<|im_end|>', reward: 0, group, ground_truth: [], response_ids: [], loss_mask: [] });
    case 8:
      return i % 64 === 8 ? `{"prompt": "cut off` : i % 64 === 24 ? '[1, 2]' : i % 64 === 40 ? Buffer.from([0x63, 0x61, 0x66, 0xe9]) : '';
    case 9:
      return JSON.stringify({ prompt: 3, response: 'x', reward: 1 });
    default:
      return JSON.stringify({ prompt: CHATML_PROMPT, response: `${words}😀 <answer>${i % 10}</answer><|im_end|>`, reward: i % 3 ? 1 : 0, group, ground_truth: String(i % 10), finish_reason: 'stop' });
  }
}

/** About 20 MB of lines, with a line over the 16 MB limit in the middle. */
function writeDump(path: string): void {
  const fd = openSync(path, 'w');
  for (let i = 0; i < 45_000; i++) {
    if (i === 20_000) writeSync(fd, `{"prompt": "${'p'.repeat(MAX_LINE_BYTES)}"}\n`);
    const line = dumpLine(i);
    writeSync(fd, typeof line === 'string' ? Buffer.from(line) : line);
    writeSync(fd, '\n');
  }
  closeSync(fd);
}

beforeAll(() => {
  writeDump(join(dir, 'dump.jsonl'));
  writeFileSync(join(dir, 'tuned.yml'), 'rollout:\n  checks:\n    reward-sanity: { range: [-0.5, 1] }\n    repetition: { rate: 0.3 }\n    zero-signal-groups: { severity: off }\n');
});

describe('rollout check with worker threads', () => {
  it.each([
    ['the default config', []],
    ['a config with a reward range, a repetition rate and a check off', ['--config', 'tuned.yml']],
  ])('reports what an in-process read reports, with %s', async (_name, configArgs) => {
    expect(availableParallelism()).toBeGreaterThanOrEqual(2);
    const bundled = spawnSync(process.execPath, [CLI, 'rollout', 'check', '--format', 'json', ...configArgs, 'dump.jsonl'], { cwd: dir, encoding: 'utf8' });
    expect(bundled.status).toBe(1);

    const config = loadConfig(configArgs[1], dir).rollout;
    const report = await reviewRollout({ inputs: ['dump.jsonl'], cwd: dir, inputFormat: 'auto', config });
    expect(report.trajectories).toBeGreaterThan(30_000);
    expect(report.skipped).toBeGreaterThan(3_000);
    expect(bundled.stdout).toBe(formatRolloutJson(report));
    expect(bundled.stderr).toBe(report.notices.map((n) => `rl-review: ${n.path}: ${n.message}\n`).join(''));
  });
});
