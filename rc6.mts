import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { candidateRules } from './src/analysis/engine.ts';
import { defaultConfig } from './src/config.ts';
const sev = defaultConfig().rules;
const files = execSync("cd /work/corpus && find . -name '*.py'", { maxBuffer: 1e8 }).toString().trim().split('\n').map((p) => p.slice(2));
const sole: Record<string, [number, number]> = {}; const any: Record<string, number> = {};
for (const p of files) {
  const s = readFileSync('/work/corpus/' + p, 'utf8');
  const c = candidateRules(p, s, 'python', sev);
  for (const r of c) any[r.meta.code] = (any[r.meta.code] ?? 0) + 1;
  if (c.length === 1) { const k = c[0].meta.code; sole[k] = [(sole[k]?.[0] ?? 0) + 1, (sole[k]?.[1] ?? 0) + s.length]; }
}
console.log(Object.entries(sole).sort((a, b) => b[1][1] - a[1][1]).map(([k, v]) => `${k} ${v[0]} files ${(v[1] / 1e3).toFixed(0)}KB (of ${any[k]})`).join('\n'));
