import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { parsePython } from './src/analysis/languages/python.ts';
import { candidateRules } from './src/analysis/engine.ts';
import { defaultConfig } from './src/config.ts';
const sev = defaultConfig().rules;
const files = execSync("cd /work/corpus && find . -name '*.py'", { maxBuffer: 1e8 }).toString().trim().split('\n').map((p) => p.slice(2));
const t: Record<string, number> = {};
let parse = 0, prefilter = 0, parsed = 0, walk = 0;
for (const p of files) {
  const src = readFileSync('/work/corpus/' + p, 'utf8');
  let s = performance.now();
  const cands = candidateRules(p, src, 'python', sev);
  prefilter += performance.now() - s;
  if (!cands.length) continue;
  parsed++;
  s = performance.now();
  const file = await parsePython(p, src);
  parse += performance.now() - s;
  s = performance.now();
  file.tree.rootNode.descendantsOfType(['call', 'assignment', 'identifier', 'attribute', 'function_definition', 'string', 'subscript', 'binary_operator', 'augmented_assignment']);
  walk += performance.now() - s;
  for (const r of cands) {
    s = performance.now();
    try { r.python!(file); } catch {}
    t[r.meta.code] = (t[r.meta.code] ?? 0) + performance.now() - s;
  }
  file.tree.delete();
}
const rules = Object.values(t).reduce((a, b) => a + b, 0);
console.log({ parsed, prefilter: prefilter.toFixed(0), parse: parse.toFixed(0), walkProbe: walk.toFixed(0), rules: rules.toFixed(0) });
for (const [k, v] of Object.entries(t).sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(k, v.toFixed(0));
