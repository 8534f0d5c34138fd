import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatMarkdown } from '../../src/report/markdown';
import { formatRolloutMarkdown } from '../../src/report/rollout-markdown';
import { formatRolloutText } from '../../src/report/rollout-text';
import { formatRolloutJson } from '../../src/report/rollout-json';
import { applyBaseline, parseBaseline, type RolloutReport } from '../../src/rollout/report';
import { reviewRollout } from '../../src/rollout/review';
import { CHATML_PROMPT, tempDir, writeJsonl } from './helpers';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A dump whose text tries to break out of the comment: HTML, a code fence, a mention, a table pipe. */
const HOSTILE = 'Sure!\n```\n</details><script>alert(1)</script> @octocat | #1 <img src=x onerror=alert(1)>\n```<|im_start|>user\nmore';

async function report(): Promise<RolloutReport> {
  writeJsonl(join(dir, 'dump.jsonl'), [
    { prompt: CHATML_PROMPT, response: HOSTILE, reward: 1, group: 'a', finish_reason: 'stop' },
    { prompt: CHATML_PROMPT, response: '42<|im_end|>', reward: 0, group: 'a', finish_reason: 'stop' },
    { prompt: '<|im_start|>user\nHi<|im_end|>\n', response: 'Hello<|im_end|>', reward: 0.5, group: 'b', finish_reason: 'length' },
  ]);
  return reviewRollout({ inputs: ['dump.jsonl'], cwd: dir, inputFormat: 'auto', config: { checks: {} } });
}

describe('the Smoke rollout section', () => {
  it('shows the failed and warned checks in a table, the passed ones on one line, the unknown ones collapsed', async () => {
    const markdown = formatRolloutMarkdown(await report());
    expect(markdown).toMatch(/^### Smoke rollout\n\n3 trajectories from 1 file \(native\)\n/);
    expect(markdown).toContain('| Check | Value | Threshold | Status |');
    expect(markdown).toMatch(/\| \[special-token-leak\]\(https:\/\/github\.com\/.*\/docs\/rollout-checks\.md#special-token-leak\) \| 1 of 3 \(33%\) \| ≤ 0% \| 🔴 fail \|/);
    expect(markdown).not.toContain('🟢 pass |');
    expect(markdown).toMatch(/\n🟢 6 passed: \[tool-call-format\]\(/);
    expect(markdown).toMatch(/<details><summary>⚪ \d+ not judged \(the dump cannot tell\)<\/summary>\n\n[^]*\n- `loss-mask`: the dump has no loss\\_mask with response\\_ids: cannot tell\n/);
  });

  it('a check\'s row and its details count over the same denominator', async () => {
    const rollout = await report();
    for (const check of rollout.checks.filter((c) => c.status === 'fail' || c.status === 'warn')) {
      const [, count, total] = /^(\d+) of (\d+)/.exec(check.message) ?? [];
      if (count !== undefined) expect([check.id, Number(count), Number(total)]).toEqual([check.id, check.count, check.total]);
    }
  });

  it('puts the worst examples of each failed check in a collapsed block, escaped so they cannot break out', async () => {
    const markdown = formatRolloutMarkdown(await report());
    expect(markdown).toContain('<summary>🔴 <code>special-token-leak</code>: 1 of 3 responses (33%) contain chat control tokens, 0 of them repeatedly</summary>');
    expect(markdown).toContain('`dump.jsonl:1`: 1 chat control token \\(or role lines\\) written by the model');
    // The excerpt sits in a fence longer than any backtick run in it: its ```, </details> and <script> stay text.
    expect(markdown).toContain(`\n\n\`\`\`\`text\n${HOSTILE}\n\`\`\`\`\n\n</details>`);
    expect(markdown).not.toMatch(/^<script>/m);
  });

  it('escapes messages inside <summary>, where Markdown escapes would show', () => {
    const rollout: RolloutReport = {
      trajectories: 1,
      skipped: 0,
      checks: [{ id: 'reward-sanity', status: 'fail', count: 1, total: 1, threshold: 0, message: 'reward <b>NaN</b> for @octocat in #12', examples: [] }],
      metrics: {},
      severities: { 'reward-sanity': 'error' },
      files: [],
      filesFound: 0,
      notices: [],
      distributions: [],
    };
    expect(formatRolloutMarkdown(rollout)).toContain('<summary>🔴 <code>reward-sanity</code>: reward &lt;b&gt;NaN&lt;/b&gt; for @\u200boctocat in #\u200b12</summary>');
  });

  it('charts the reward and response-length distributions with Mermaid', async () => {
    const markdown = formatRolloutMarkdown(await report());
    expect(markdown).toContain(
      ['```mermaid', '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#cf222e, #57606a"}}}}%%', 'xychart-beta', '    title "Reward distribution"', '    x-axis "reward" ["0", "0.5", "1"]', '    y-axis "% of trajectories" 0 --> 40', '    bar [33.3, 33.3, 33.3]', '```'].join('\n'),
    );
    expect(markdown).toContain('    title "Response length distribution"\n    x-axis "response length (chars)"');
  });

  it('charts a baseline beside this run: its share in the same bins, from the percentiles its report kept', async () => {
    const rollout = await report();
    const { distributions } = JSON.parse(formatRolloutJson(rollout)) as { distributions: { title: string; percentiles: number[] }[] };
    expect(distributions.map((d) => [d.title, d.percentiles.length])).toEqual([['Reward distribution', 101], ['Response length distribution', 101]]);
    // The baseline paid 1 to every trajectory.
    applyBaseline(rollout, parseBaseline(JSON.stringify({ version: 1, metrics: {}, distributions: [{ title: 'Reward distribution', percentiles: Array(101).fill(1) }] })));
    const markdown = formatRolloutMarkdown(rollout);
    expect(markdown).toContain('    title "Reward distribution, bars: this run, line: baseline"\n');
    expect(markdown).toContain('    bar [33.3, 33.3, 33.3]\n    line [0, 0, 100]\n```');
    // A baseline written before reports kept distributions still gives its metrics.
    expect(parseBaseline(JSON.stringify({ version: 1, metrics: { reward_mean: 0.5 } }))).toEqual({ metrics: { reward_mean: 0.5 }, percentiles: {} });
  });

  it('shows the metrics that changed from the baseline', async () => {
    const rollout = await report();
    rollout.baseline = { ...rollout.metrics, tool_call_rate: 0.38 };
    const markdown = formatRolloutMarkdown(rollout);
    expect(markdown).toContain('Changes from the baseline:\n\n| Metric | Baseline → this run | Change |\n|---|---|---|\n| `tool_call_rate` | 38% → 0% | -38 pts ▼ worse |');
  });

  it('says why the rollout failed, with the end of the command output', async () => {
    const rollout = await report();
    rollout.failure = 'the smoke command exited with status 1';
    rollout.command = { command: 'python smoke.py', exitCode: 1, signal: null, timedOut: false, durationMs: 2100, outputTail: 'Traceback (most recent call last):\nValueError: bad config\n' };
    const markdown = formatRolloutMarkdown(rollout);
    expect(markdown).toContain('🔴 **The smoke rollout failed:** the smoke command exited with status 1');
    // Open, and no table of checks that could not be judged.
    expect(markdown).toContain('Last lines of its output:\n\n```text\nTraceback (most recent call last):\nValueError: bad config\n```');
    expect(markdown).not.toContain('| Check |');
    expect(markdown).toContain('command `python smoke.py` ran for 2.1 s');
  });

  it('is part of the Markdown report (job summary, PR comment) when a rollout ran', async () => {
    const markdown = formatMarkdown({ findings: [], notices: [], rollout: await report() }, 'error');
    expect(markdown).toContain('\n<details><summary><b>Smoke rollout</b> · 2 of 9 checks failed, 1 warned</summary>\n');
    expect(formatMarkdown({ findings: [], notices: [] }, 'error')).not.toContain('Smoke rollout');
  });
});

describe('the text report', () => {
  it('prints one line per check and the worst examples of failing ones', async () => {
    const text = formatRolloutText(await report(), { color: false });
    expect(text).toMatch(/^Smoke rollout: 3 trajectories from 1 file \(native\), 0 skipped\n/);
    expect(text).toMatch(/\nFAIL {4}special-token-leak +1 of 3 \(33%\) +≤ 0% +1 of 3 responses \(33%\) contain chat control tokens/);
    expect(text).toContain('        dump.jsonl:1: 1 chat control token (or role lines) written by the model\n          Sure!\\n```\\n</details>');
  });
});
