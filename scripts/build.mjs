// Bundles the Action (dist/index.js), the CLI (dist/cli.js), the analysis worker (dist/worker.js) and the rollout
// worker (dist/rollout-worker.js) for a runner with no node_modules.
// ts-morph (the TypeScript compiler) is split into its own chunk, loaded only when TS/JS files are scanned.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');

await build({
  entryPoints: { index: 'src/main.ts', cli: 'src/cli.ts', worker: 'src/analysis/worker.ts', 'rollout-worker': 'src/rollout/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies use require(), __filename and __dirname: give each ES module output file its own.
  banner: {
    js: [
      "import { createRequire as __rlCreateRequire } from 'node:module';",
      "import { fileURLToPath as __rlFileURLToPath } from 'node:url';",
      "import { dirname as __rlDirname } from 'node:path';",
      'const require = __rlCreateRequire(import.meta.url);',
      'const __filename = __rlFileURLToPath(import.meta.url);',
      'const __dirname = __rlDirname(__filename);',
    ].join(' '),
  },
});

for (const [pkg, file] of [['web-tree-sitter', 'web-tree-sitter.wasm'], ['tree-sitter-python', 'tree-sitter-python.wasm']]) {
  const from = pkg === 'web-tree-sitter' ? require.resolve('web-tree-sitter/web-tree-sitter.wasm') : join(dirname(require.resolve(`${pkg}/package.json`)), file);
  copyFileSync(from, join('dist', file));
}

// The reward probe's harnesses run in their own process (the repository's python, or node), so they ship as files.
for (const harness of ['reward_harness.py', 'reward_harness.mjs']) copyFileSync(join('src/probes', harness), join('dist', harness));
