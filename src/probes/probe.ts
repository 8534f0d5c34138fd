import { fingerprintOf, type Finding, type Severity } from '../findings';
import type { ProbeCheckMeta } from './checks';

/**
 * `pass`: the check holds. `fail`: it does not (a finding of the check's severity). `note`: not a bug but worth
 * knowing (an info finding). `skip`: the check could not run (an input is missing, an earlier check failed).
 */
export type CheckStatus = 'pass' | 'fail' | 'note' | 'skip';

export interface ProbeCheck {
  id: string;
  title: string;
  status: CheckStatus;
  /** The severity of the check's finding when it fails. */
  severity: Severity;
  /** The expected and the observed outcome, short, for the probe table ("< 1" and "1" for a reward case). */
  expected: string;
  actual: string;
  message: string;
  /** The facts behind the verdict: token ids, rendered text, the values a reward paid. */
  evidence: Record<string, unknown>;
}

export interface ProbeReport {
  probe: 'template' | 'reward';
  /** What was probed: a model directory, or `file.py:function`. */
  target: string;
  checks: ProbeCheck[];
}

export interface ProbeResult {
  report: ProbeReport;
  findings: Finding[];
}

/** A probe input that cannot be used (a missing or invalid tokenizer file, a reward function that does not import). */
export class ProbeInputError extends Error {}

/** Where a check's finding points: a key of a config file, the definition of a reward function. */
export interface Anchor {
  path: string;
  line: number;
  column: number;
  endColumn: number;
  /** The text of the anchored line, for the finding's fingerprint. */
  code: string;
}

/** The anchor of `length` characters at `offset` of `text` (the content of `path`). */
export function anchorAt(path: string, text: string, offset: number, length: number): Anchor {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', offset);
  return {
    path,
    line,
    column: offset - lineStart + 1,
    endColumn: offset - lineStart + 1 + length,
    code: text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd),
  };
}

export function check(
  meta: ProbeCheckMeta,
  status: CheckStatus,
  outcome: { expected: string; actual: string; message: string; evidence?: Record<string, unknown> },
): ProbeCheck {
  return { id: meta.id, title: meta.title, status, severity: meta.severity, ...outcome, evidence: outcome.evidence ?? {} };
}

/** A failed check is a finding of its severity, a noted one an info finding; passed and skipped checks are none. */
export function findingOf(probeCheck: ProbeCheck, anchor: Anchor): Finding | undefined {
  if (probeCheck.status !== 'fail' && probeCheck.status !== 'note') return undefined;
  return {
    ruleId: probeCheck.id,
    name: probeCheck.id,
    severity: probeCheck.status === 'note' ? 'info' : probeCheck.severity,
    path: anchor.path,
    line: anchor.line,
    column: anchor.column,
    endLine: anchor.line,
    endColumn: anchor.endColumn,
    message: probeCheck.message,
    fingerprint: fingerprintOf(probeCheck.id, anchor.path, anchor.code),
  };
}
