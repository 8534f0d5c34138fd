/**
 * The rollout cases of `npm run bench`: writes a ~1 GB native JSONL dump to /tmp (streamed, never held in memory),
 * then checks it with the bundle users run (`node dist/cli.js rollout check`, which reads large dumps with worker
 * threads; `npm run build` first) and prints MB/s and peak RSS against the goal (>= 100 MB/s, < 300 MB). Then the same
 * for a ~160 MB TRL completions parquet written as TRL writes it (one row group, 1 MB pages), whose goal is memory:
 * < 300 MB peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetWriteFile } from 'hyparquet-writer';
import { benchRow } from './row';

const TARGET_BYTES = 1e9;
/** The TRL completions file of the issue that set the memory goal: 160 MB. */
const PARQUET_TARGET_BYTES = 160e6;
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

/**
 * A TRL completions table (`GRPOTrainer.log`: step, prompt, completion, the reward functions, a log_extra column,
 * advantage) of about `targetBytes`, in one row group as pandas writes it: 16 samples a prompt, completions of a few
 * thousand characters. Built in memory: the bench's own process is not the one measured.
 */
function writeCompletions(path: string, targetBytes: number): void {
  const next = random(7);
  // A vocabulary of model-sized variety: text that compresses about as little as real completions.
  const vocabulary = Array.from({ length: 50_000 }, () => Array.from({ length: 2 + Math.floor(next() * 8) }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join(''));
  const words = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ');
  const columns = { prompt: [] as string[], completion: [] as string[], accuracy: [] as number[], format: [] as number[], solution: [] as string[], advantage: [] as number[] };
  for (let bytes = 0, index = 0; bytes < targetBytes; index++) {
    const group = Math.floor(index / 16);
    if (index % 16 === 0) columns.prompt.push(`system\nYou are a helpful assistant.\nuser\nProblem ${group}: ${words(90)}\nassistant\n`);
    else columns.prompt.push(columns.prompt[index - 1]);
    columns.completion.push(`${words(300 + Math.floor(next() * 900))} <answer>${group % 10}</answer>`);
    columns.accuracy.push(next() < 0.4 ? 1 : 0);
    columns.format.push(next() < 0.9 ? 0.5 : 0);
    columns.solution.push(String(group % 10));
    columns.advantage.push(next() * 2 - 1);
    // Snappy barely compresses text of this variety: the file is about as large as the text.
    bytes += columns.completion[index].length + 80;
  }
  const rows = columns.prompt.length;
  parquetWriteFile({
    filename: path,
    rowGroupSize: rows,
    columnData: [
      { name: 'step', data: new BigInt64Array(rows).fill(3n), type: 'INT64' },
      { name: 'prompt', data: columns.prompt, type: 'STRING' },
      { name: 'completion', data: columns.completion, type: 'STRING' },
      { name: 'accuracy', data: columns.accuracy, type: 'DOUBLE' },
      { name: 'format', data: columns.format, type: 'DOUBLE' },
      { name: 'solution', data: columns.solution, type: 'STRING' },
      { name: 'advantage', data: columns.advantage, type: 'DOUBLE' },
    ],
  });
}

/** Checks `dump` with the bundle, and prints its figures and the machine's load beside them. */
function benchCheck(cli: string, dump: string, label: string): { mb: number; seconds: number; rssMb: number } {
  const mb = statSync(dump).size / 1e6;
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const busyBefore = machineBusySeconds();
  const stealBefore = stealSeconds();
  const started = performance.now();
  const check = spawnSync(process.execPath, ['--import', REPORT_USAGE, cli, 'rollout', 'check', '--format', 'json', dump], { cwd: dirname(dump), encoding: 'utf8' });
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

  console.log(benchRow(label, 1, mb, seconds, rssMb));
  // On a shared machine wall time includes waiting for a core: MB per CPU-second is what the check itself costs.
  console.log(`${report.trajectories} trajectories; CPU time ${cpuSeconds.toFixed(2)} s (${(mb / cpuSeconds).toFixed(1)} MB per CPU-second)`);
  console.log(`load average before the check ${load} on ${cpus().length} cores; other processes used ${Math.max(0, busy - cpuSeconds).toFixed(1)} CPU-seconds meanwhile`);
  if (stealBefore !== undefined && stealAfter !== undefined) console.log(`the hypervisor took ${(stealAfter - stealBefore).toFixed(1)} CPU-seconds from this machine meanwhile (steal time)`);
  return { mb, seconds, rssMb };
}

export async function benchRollout(targetBytes = TARGET_BYTES): Promise<void> {
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  if (!existsSync(cli)) throw new Error(`${cli} not found: run \`npm run build\` first`);
  const dir = join(tmpdir(), 'rl-review-bench');
  mkdirSync(dir, { recursive: true });
  const dump = join(dir, 'rollout.jsonl');
  let writeStarted = performance.now();
  await writeDump(dump, targetBytes);
  console.log(`wrote ${dump}: ${(statSync(dump).size / 1e6).toFixed(0)} MB in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`);
  const jsonl = benchCheck(cli, dump, 'rl-review rollout check');
  console.log(`goal: >= 100 MB/s and < 300 MB peak RSS: ${jsonl.mb / jsonl.seconds >= 100 && jsonl.rssMb < 300 ? 'met' : 'NOT met'}`);

  const completions = join(dir, 'completions_00003.parquet');
  writeStarted = performance.now();
  writeCompletions(completions, PARQUET_TARGET_BYTES);
  console.log(`\nwrote ${completions}: ${(statSync(completions).size / 1e6).toFixed(0)} MB in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`);
  const parquet = benchCheck(cli, completions, 'rollout check (TRL)');
  console.log(`goal: < 300 MB peak RSS on a TRL parquet: ${parquet.rssMb < 300 ? 'met' : 'NOT met'}`);
}
