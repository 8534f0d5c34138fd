import type { Log, ReportingDescriptor, Result } from 'sarif';
import { RULES } from '../analysis/rules/index';
import type { Finding, Severity } from '../findings';
import { projectUrl, ruleDocUrl } from './links';
import type { Report } from './report';
import { VERSION } from '../version';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

function ruleDescriptor(id: string, name: string, summary: string, severity: Severity): ReportingDescriptor {
  return {
    id,
    name,
    shortDescription: { text: summary },
    helpUri: ruleDocUrl(name),
    defaultConfiguration: { level: LEVEL[severity] },
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): every rule's metadata with a
 * link to its doc, one result per finding with our stable fingerprint, and notices as tool notifications.
 */
export function buildSarif(report: Report): Log {
  const descriptors = RULES.map((r) => ruleDescriptor(r.meta.code, r.meta.name, r.meta.summary, r.meta.severity));
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  for (const f of report.findings) {
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, descriptors.length);
      descriptors.push(ruleDescriptor(f.ruleId, f.name, f.message.split('\n')[0], f.severity));
    }
  }
  const results: Result[] = report.findings.map((f: Finding) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' },
        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
      },
    }],
    partialFingerprints: { 'rlReview/v1': f.fingerprint },
    ...(f.fix ? {
      fixes: [{
        description: { text: f.fix.description },
        artifactChanges: [{
          artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' },
          replacements: [{
            deletedRegion: { startLine: f.fix.line, endLine: f.fix.endLine },
            insertedContent: { text: f.fix.replacement + '\n' },
          }],
        }],
      }],
    } : {}),
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'rl-review',
          version: VERSION,
          informationUri: projectUrl(),
          rules: descriptors,
        },
      },
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: report.notices.map((n) => ({
          level: 'note' as const,
          message: { text: n.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: encodeURI(n.path), uriBaseId: '%SRCROOT%' },
              ...(n.line ? { region: { startLine: n.line } } : {}),
            },
          }],
        })),
      }],
      results,
    }],
  };
}

export function formatSarif(report: Report): string {
  return JSON.stringify(buildSarif(report), null, 2) + '\n';
}
