// rl-review's reward-function harness for JavaScript/TypeScript modules: the protocol of reward_harness.py.
// Usage: node reward_harness.mjs FILE FUNCTION. Prints {"ready": {...}} once imported (or {"error": "..."}), then
// answers each request {"args": [...]} read from stdin with {"value": ...} or {"error": "..."}.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const [file, name] = process.argv.slice(2);
// The reward's own logging goes to stderr so it cannot corrupt the protocol on stdout.
for (const method of ['log', 'info', 'debug']) console[method] = console.error;

/** NaN and Infinity have no JSON form: send them as text so they are not mistaken for null. */
const send = (message) => process.stdout.write(JSON.stringify(message, (_, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value)) + '\n');
const errorText = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`);

async function loadReward() {
  const module = await import(pathToFileURL(file).href);
  const exported = module[name];
  if (typeof exported !== 'function') throw new TypeError(`${name} is ${exported === undefined ? 'not exported' : `a ${typeof exported}, not a function`}`);
  return exported;
}

let reward;
try {
  reward = await loadReward();
} catch (error) {
  send({ error: errorText(error) });
  process.exitCode = 1;
}
if (reward) {
  // Positional calls only: no keyword parameters to report.
  send({ ready: { parameters: [], varkw: false } });
  for await (const line of createInterface({ input: process.stdin })) {
    const request = JSON.parse(line);
    try {
      send({ value: await reward(...request.args) });
    } catch (error) {
      send({ error: errorText(error) });
    }
  }
}
