/**
 * The rollout case of `npm run bench`: writes a ~1 GB native JSONL dump to /tmp (streamed, never held in memory),
 * then checks it with the bundle users run (`node dist/cli.js rollout check`, which reads large dumps with worker
 * threads; `npm run build` first) and prints MB/s and peak RSS against the goal (>= 100 MB/s, < 300 MB).
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRow } from './row';

const TARGET_BYTES = 1e9;
const WORDS = 'the a of to and is in that it for as with was on be by this are we at from or an which answer step so then sum value x y equation therefore'.split(' ');

/** A deterministic generator: the same dump every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

/** Trajectories shaped like a GRPO math/tool run: 8 samples a prompt, a quarter with token ids and a loss mask. */
function* trajectories(): Generator<string> {
  const next = random(42);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  for (let index = 0; ; index++) {
    const group = Math.floor(index / 8);
    const prompt = `<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nProblem ${group}: ${words(90)}<|im_end|>\n<|im_start|>assistant\n`;
    const roll = next();
    const body = roll < 0.2 ? `<tool_call>{"name": "calculator", "arguments": {"expression": "${group} * 7"}}</tool_call>` : `<answer>${group % 10}</answer>`;
    const response = `${words(200 + Math.floor(next() * 200))} ${body}<|im_end|>`;
    const record: Record<string, unknown> = {
      prompt,
      response,
      reward: next() < 0.4 ? 1 : 0,
      group: `g${group}`,
      ground_truth: String(group % 10),
      finish_reason: roll > 0.95 ? 'length' : 'stop',
      step: 1,
    };
    if (index % 4 === 0) {
      const length = 300;
      record.prompt_ids = Array.from({ length: 120 }, (_, k) => (k * 7919) % 150000);
      record.response_ids = Array.from({ length }, (_, k) => (k === length - 1 ? 151645 : (k * 104729) % 150000));
      record.loss_mask = new Array(length).fill(1);
    }
    yield JSON.stringify(record) + '\n';
  }
}

async function writeDump(path: string, targetBytes: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  for (const line of trajectories()) {
    if (bytes >= targetBytes) break;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Loaded into the checking process: as it exits, it prints its peak RSS (worker threads included) and CPU time. */
const USAGE_MARK = 'rl-review-bench-usage ';
const REPORT_USAGE = `data:text/javascript,${encodeURIComponent(
  `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(${JSON.stringify(USAGE_MARK)} + JSON.stringify({ maxRssKb: u.maxRSS, cpuMicros: u.userCPUTime + u.systemCPUTime }) + '\\n'); });`,
)}`;

/** CPU time all cores have spent busy since boot: what else ran during the check shows in its difference. */
function machineBusySeconds(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0) / 1000;
}

/**
 * CPU time the hypervisor gave to other machines while this one's cores wanted to run (Linux's steal time), since
 * boot; undefined where /proc/stat does not tell. On a shared VM it explains a slow run that no process here caused.
 */
function stealSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    return fields[0] === 'cpu' && fields.length > 8 ? Number(fields[8]) / 100 : undefined;
  } catch {
    return undefined;
  }
}

export async function benchRollout(targetBytes = TARGET_BYTES): Promise<void> {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  if (!existsSync(cli)) throw new Error(`${cli} not found: run \`npm run build\` first`);
  const dir = join(tmpdir(), 'rl-review-bench');
  mkdirSync(dir, { recursive: true });
  const dump = join(dir, 'rollout.jsonl');
  const writeStarted = performance.now();
  await writeDump(dump, targetBytes);
  const mb = statSync(dump).size / 1e6;
  console.log(`wrote ${dump}: ${mb.toFixed(0)} MB in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`);

  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const busyBefore = machineBusySeconds();
  const stealBefore = stealSeconds();
  const started = performance.now();
  const check = spawnSync(process.execPath, ['--import', REPORT_USAGE, cli, 'rollout', 'check', '--format', 'json', dump], { cwd: dir, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  const busy = machineBusySeconds() - busyBefore;
  const stealAfter = stealSeconds();
  rmSync(dump);
  // Exit status 1 is a failing check; anything else is the checker failing.
  if (check.status !== 0 && check.status !== 1) throw new Error(`rl-review rollout check failed (${check.status ?? check.signal}): ${check.stderr}`);
  const usageLine = check.stderr.split('\n').find((line) => line.startsWith(USAGE_MARK));
  if (!usageLine) throw new Error(`the checking process did not report its resource usage: ${check.stderr}`);
  const usage = JSON.parse(usageLine.slice(USAGE_MARK.length)) as { maxRssKb: number; cpuMicros: number };
  const report = JSON.parse(check.stdout) as { trajectories: number };
  const rssMb = usage.maxRssKb / 1024;
  const cpuSeconds = usage.cpuMicros / 1e6;

  console.log(benchRow('rl-review rollout check', 1, mb, seconds, rssMb));
  // On a shared machine wall time includes waiting for a core: MB per CPU-second is what the check itself costs.
  console.log(`${report.trajectories} trajectories; CPU time ${cpuSeconds.toFixed(2)} s (${(mb / cpuSeconds).toFixed(1)} MB per CPU-second)`);
  console.log(`load average before the check ${load} on ${cpus().length} cores; other processes used ${Math.max(0, busy - cpuSeconds).toFixed(1)} CPU-seconds meanwhile`);
  if (stealBefore !== undefined && stealAfter !== undefined) console.log(`the hypervisor took ${(stealAfter - stealBefore).toFixed(1)} CPU-seconds from this machine meanwhile (steal time)`);
  console.log(`goal: >= 100 MB/s and < 300 MB peak RSS: ${mb / seconds >= 100 && rssMb < 300 ? 'met' : 'NOT met'}`);
}
