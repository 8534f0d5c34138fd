import type { Finding, Fix, Suppression } from '../findings';
import type { LanguageId } from './files';

/**
 * Inline suppressions, in a `#` (Python) or `//` (TS/JS) comment:
 *   `rl-review: ignore[RL101, RL103]` on the flagged line or the line above (no list: every rule);
 *   `rl-review: ignore-file[RL103]` anywhere in the file (no list: every rule).
 * Rules are named by code or by kebab name.
 */
const DIRECTIVE = /(?:#|\/\/)\s*rl-review:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/g;

interface Directive {
  /** 1-based line of the comment. */
  line: number;
  /** undefined: every rule */
  rules?: Set<string>;
}

interface Suppressions {
  byLine: Map<number, Directive[]>;
  file: Directive[];
}

function parseSuppressions(source: string): Suppressions {
  const result: Suppressions = { byLine: new Map(), file: [] };
  if (!source.includes('rl-review:')) return result;
  source.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(DIRECTIVE)) {
      const list = match[2]?.split(',').map((s) => s.trim()).filter(Boolean);
      const directive: Directive = { line: index + 1, rules: list?.length ? new Set(list) : undefined };
      if (match[1] === 'ignore-file') result.file.push(directive);
      else result.byLine.set(index + 1, [...(result.byLine.get(index + 1) ?? []), directive]);
    }
  });
  return result;
}

function covers(directive: Directive, finding: Finding): boolean {
  return !directive.rules || directive.rules.has(finding.ruleId) || directive.rules.has(finding.name);
}

/** The directive that silences `finding`, if any: a file-wide one first, then one on its line or the line above. */
function silencer(suppressions: Suppressions, finding: Finding): Directive | undefined {
  const fileWide = suppressions.file.find((d) => covers(d, finding));
  if (fileWide) return fileWide;
  for (const line of [finding.line, finding.line - 1]) {
    const directive = suppressions.byLine.get(line)?.find((d) => covers(d, finding));
    if (directive) return directive;
  }
  return undefined;
}

/**
 * Drop the suppressed findings of one file, and say what silenced what: every `ignore-file` comment and every
 * `ignore` without a rule list (they switch off rules nobody named, so a reviewer may not see what they hide), and
 * each other comment that silenced a finding.
 */
export function applySuppressions(path: string, source: string, findings: Finding[]): { kept: Finding[]; suppressions: Suppression[] } {
  const suppressions = parseSuppressions(source);
  const silenced = new Map<Directive, string[]>();
  const kept = findings.filter((finding) => {
    const directive = silencer(suppressions, finding);
    if (!directive) return true;
    const ruleIds = silenced.get(directive);
    if (ruleIds) ruleIds.push(finding.ruleId);
    else silenced.set(directive, [finding.ruleId]);
    return false;
  });
  const describe = (directive: Directive, scope: Suppression['scope']): Suppression => ({
    path,
    line: directive.line,
    scope,
    ...(directive.rules ? { rules: [...directive.rules] } : {}),
    silenced: silenced.get(directive) ?? [],
  });
  return {
    kept,
    suppressions: [
      ...suppressions.file.map((d) => describe(d, 'file')),
      ...[...suppressions.byLine.values()].flat().filter((d) => !d.rules || silenced.has(d)).map((d) => describe(d, 'line')),
    ].sort((a, b) => a.line - b.line),
  };
}

/**
 * The edit that silences `ruleId` on line `line` (1-based) of `source`, as a whole-line fix: the rule added to an
 * `rl-review: ignore[...]` comment already on the line, or a new comment at its end; where no comment can go there
 * (the line goes on with a backslash), a comment line above it. Undefined where neither can (the line before goes on
 * with a backslash too).
 */
export function ignoreFix(source: string, line: number, ruleId: string, language: LanguageId): Fix | undefined {
  const lines = source.split('\n');
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  const description = `Ignore ${ruleId} on this line`;
  const cr = text.endsWith('\r') ? '\r' : '';
  const code = text.slice(0, text.length - cr.length);
  const listed = [...code.matchAll(DIRECTIVE)].find((match) => match[1] === 'ignore' && match[2] !== undefined);
  if (listed) {
    const close = listed.index + listed[0].length - 1;
    const separator = listed[2].trim() ? ', ' : '';
    return { description, line, endLine: line, replacement: `${code.slice(0, close).trimEnd()}${separator}${ruleId}${code.slice(close)}${cr}` };
  }
  const comment = `${language === 'python' ? '#' : '//'} rl-review: ignore[${ruleId}]`;
  const continues = (s: string | undefined) => s !== undefined && /\\\s*$/.test(s);
  if (!continues(code)) return { description, line, endLine: line, replacement: `${code.trimEnd()}  ${comment}${cr}` };
  if (continues(lines[line - 2])) return undefined;
  const indent = /^\s*/.exec(code)![0];
  return { description, line, endLine: line, replacement: `${indent}${comment}${cr}\n${text}` };
}
