import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dedent } from './rule-tester';

/** A throwaway project directory with the given files (string: dedented text; Buffer: bytes as is). */
export function makeProject(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'rl-review-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? dedent(content) : content);
  }
  return root;
}

/** Python that RL101 (and no other rule) flags on line 2. */
export const FLAGGED_ROLLOUT = `
  def rollout(engine, tok, messages):
      prompt = tok.apply_chat_template(messages, tokenize=False)
      return engine.generate(prompt)
`;
