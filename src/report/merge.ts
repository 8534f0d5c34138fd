import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { readRegularFile } from '../analysis/files';
import { compareFindings, SEVERITIES, type Finding, type Notice } from '../findings';
import type { ProbeReport } from '../probes/probe';
import type { Report } from './report';

/**
 * `rl-review merge`: the JSON reports of a sharded audit (`scan --shard i/n --format json`) joined into one report, as
 * one scan of the whole repository would have made it.
 */

/** A JSON report can hold a whole tokenizer's evidence in its probes, but not more than this. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

const range = { line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int() };

/** What `formatJson` writes (version 1), as far as a merge reads it. */
const jsonReportSchema = z.object({
  version: z.literal(1),
  findings: z.array(z.object({
    ruleId: z.string(),
    name: z.string(),
    severity: z.enum(SEVERITIES as ['error', 'warning', 'info']),
    path: z.string(),
    ...range,
    message: z.string(),
    fix: z.object({ description: z.string(), line: z.number().int(), endLine: z.number().int(), replacement: z.string() }).optional(),
    fingerprint: z.string(),
  })),
  notices: z.array(z.object({ path: z.string(), line: z.number().int().optional(), message: z.string() })),
  stats: z.object({ files: z.number(), parsed: z.number(), skipped: z.number(), durationMs: z.number() }).optional(),
  probes: z.array(z.object({ probe: z.enum(['template', 'reward']), target: z.string(), checks: z.array(z.any()) }).passthrough()).optional(),
  rollout: z.unknown().optional(),
});

export class ReportFileError extends Error {}

/**
 * The reports at `paths` merged (`mergeReports`): JSON report files, or directories whose `.json` files (at any
 * depth, as actions/download-artifact lays out one directory per artifact) are reports. A bad file is an error that
 * names it: a merge that left out a shard would pass its findings as fixed.
 */
export function mergeReportFiles(paths: readonly string[], cwd = process.cwd()): { report: Report; files: string[] } {
  const files = paths.flatMap((path) => (isDirectory(resolve(cwd, path)) ? jsonFilesUnder(path, cwd) : [path]));
  if (!files.length) throw new ReportFileError(`no JSON report in ${paths.join(', ')}`);
  const reports = files.map((file) => readReport(file, cwd));
  return { report: mergeReports(reports), files };
}

/** The report in `file` (a path relative to `cwd`, as errors name it). */
function readReport(file: string, cwd: string): Report {
  let text: string;
  try {
    text = readRegularFile(resolve(cwd, file), MAX_REPORT_BYTES).toString('utf8');
  } catch (error) {
    throw new ReportFileError(`${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportFileError(`${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = jsonReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ReportFileError(`${file}: not an rl-review JSON report (rl-review scan --format json): ${where}${issue.message}`);
  }
  const { findings, notices, stats, probes, rollout } = parsed.data;
  // The JSON form of a smoke rollout keeps its checks and metrics, not all that its reports show.
  if (rollout) notices.push({ path: file, message: 'the smoke rollout in this report is not merged: see the report itself' });
  return { findings, notices, stats, probes: probes as ProbeReport[] | undefined };
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function jsonFilesUnder(dir: string, cwd: string): string[] {
  return readdirSync(resolve(cwd, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return jsonFilesUnder(path, cwd);
      return entry.isFile() && entry.name.endsWith('.json') ? [path] : [];
    });
}

/**
 * One report from several. A finding (its fingerprint: rule, file and flagged code) that more than one report has is
 * kept once; a fingerprint that one report has twice (two identical lines flagged in one file) is kept as many times
 * as the report that has it most. Notices are kept once each, probes once per target. The stats add up, but for
 * the time, that of the slowest report (shards run side by side).
 */
export function mergeReports(reports: readonly Report[]): Report {
  const byFingerprint = new Map<string, Finding[]>();
  for (const report of reports) {
    const own = new Map<string, Finding[]>();
    for (const finding of report.findings) own.set(finding.fingerprint, [...(own.get(finding.fingerprint) ?? []), finding]);
    for (const [fingerprint, findings] of own) {
      if (findings.length > (byFingerprint.get(fingerprint)?.length ?? 0)) byFingerprint.set(fingerprint, findings);
    }
  }
  const notices = new Map<string, Notice>();
  for (const notice of reports.flatMap((r) => r.notices)) notices.set(JSON.stringify([notice.path, notice.line, notice.message]), notice);
  const probes = new Map<string, ProbeReport>();
  for (const probe of reports.flatMap((r) => r.probes ?? [])) if (!probes.has(`${probe.probe}\0${probe.target}`)) probes.set(`${probe.probe}\0${probe.target}`, probe);
  const stats = reports.flatMap((r) => (r.stats ? [r.stats] : []));
  return {
    findings: [...byFingerprint.values()].flat().sort(compareFindings),
    notices: [...notices.values()].sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0)),
    ...(stats.length ? {
      stats: {
        files: stats.reduce((sum, s) => sum + s.files, 0),
        parsed: stats.reduce((sum, s) => sum + s.parsed, 0),
        skipped: stats.reduce((sum, s) => sum + s.skipped, 0),
        durationMs: Math.max(...stats.map((s) => s.durationMs)),
      },
    } : {}),
    ...(probes.size ? { probes: [...probes.values()] } : {}),
  };
}
