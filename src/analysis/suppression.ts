import type { Finding } from '../findings';

/**
 * Inline suppressions, in a `#` (Python) or `//` (TS/JS) comment:
 *   `rl-review: ignore[RL101, RL103]` on the flagged line or the line above (no list: every rule);
 *   `rl-review: ignore-file[RL103]` anywhere in the file (no list: every rule).
 * Rules are named by code or by kebab name.
 */
const DIRECTIVE = /(?:#|\/\/)\s*rl-review:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/g;

interface Directive {
  /** undefined: every rule */
  rules?: Set<string>;
}

export interface Suppressions {
  byLine: Map<number, Directive[]>;
  file: Directive[];
}

export function parseSuppressions(source: string): Suppressions {
  const result: Suppressions = { byLine: new Map(), file: [] };
  if (!source.includes('rl-review:')) return result;
  source.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(DIRECTIVE)) {
      const list = match[2]?.split(',').map((s) => s.trim()).filter(Boolean);
      const directive: Directive = { rules: list?.length ? new Set(list) : undefined };
      if (match[1] === 'ignore-file') result.file.push(directive);
      else result.byLine.set(index + 1, [...(result.byLine.get(index + 1) ?? []), directive]);
    }
  });
  return result;
}

function covers(directive: Directive, finding: Finding): boolean {
  return !directive.rules || directive.rules.has(finding.ruleId) || directive.rules.has(finding.name);
}

export function isSuppressed(suppressions: Suppressions, finding: Finding): boolean {
  if (suppressions.file.some((d) => covers(d, finding))) return true;
  for (const line of [finding.line, finding.line - 1]) {
    if (suppressions.byLine.get(line)?.some((d) => covers(d, finding))) return true;
  }
  return false;
}
