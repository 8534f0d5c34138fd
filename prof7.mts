import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { analyzeSource } from './src/analysis/engine.ts';
import { defaultConfig } from './src/config.ts';
const files = execSync("find /work/corpus -name '*.py'", { maxBuffer: 1e8 }).toString().trim().split('\n');
const sev = defaultConfig().rules;
const s = performance.now();
for (const p of files) await analyzeSource(p, readFileSync(p, 'utf8'), 'python', sev);
console.log('total', (performance.now() - s).toFixed(0));
