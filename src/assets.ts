import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file shipped beside the bundle in `dist/` (wasm grammars, the analysis worker, the reward harness).
 * Bundled code may sit in `dist/` or in `dist/chunks/`, so both are looked at. Undefined when running from sources.
 */
export function distFile(name: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, name), join(dirname(here), name)].find((path) => existsSync(path));
}
