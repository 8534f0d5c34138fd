import * as core from '@actions/core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import type { Finding } from '../findings';
import { createGitHubClient, isReadOnlyTokenError, type GitHubClient } from '../github/client';
import { readRunEvent, runLinks, type RunEvent, type RunLinks, type RunnerContext } from '../github/events';
import { tokenIdentity } from '../github/identity';
import { upsertAuditIssue, AUDIT_MARKER } from '../report/audit-issue';
import { CHECK_NAME, CHECK_SUMMARY_LIMIT, checkRunTitle, publishCheckRun } from '../report/check-run';
import { escapeMarkdown, inlineCode } from '../report/escape';
import { formatGithub } from '../report/github';
import { formatJson } from '../report/json';
import { probesSection } from '../report/probes-markdown';
import { smokeSection } from '../report/rollout-markdown';
import { severityTally, type Report } from '../report/report';
import { listExistingComments, planReview, publishReview, type ReviewPlan } from '../report/review';
import { formatSarif } from '../report/sarif';
import {
  COMMENT_BODY_LIMIT, countBytes, countCharacters, findingsSection, JOB_SUMMARY_LIMIT_BYTES, jobSummaryNote, noticesSection,
  notInlineSection, renderSections, SUMMARY_MARKER, suppressionsSection, upsertSummaryComment, type NotInlineReason, type SummarySection,
} from '../report/summary';
import { RUNTIME_ANALYSES, type ReviewRun } from '../review/runtime';
import { blockers, reviewFails, verdictLine } from '../report/verdict';
import { plural } from '../rollout/checks/check';
import { analyzePullRequest, analyzeRepository, loadPullRequestConfig, type PullRequestDiff } from './analyze';
import { InputError, type ActionInputs } from './inputs';
import { mergedReports, refuseUntrustedCode, runtimeInFirstShard, withInputs } from './runtime';
import { resolveSmokeDumps } from './dumps';
import { finishSmokeRollout } from './smoke';

/** Everything one run of the Action knows; the analyses fill `report`, the sinks publish it. The root is the workspace. */
export interface ActionRun extends ReviewRun {
  inputs: ActionInputs;
  event: RunEvent;
  links: RunLinks;
  client: GitHubClient;
  /** This workflow run's id: where `smoke-dumps` artifacts are looked up. */
  runId: number;
  /** This run's scratch directory: the PR's head files, the SARIF and JSON reports. */
  temp: string;
  /** Pull requests: the changed files and lines, from the static analysis. */
  diff?: PullRequestDiff;
  /** Pull requests: which findings can go inline, and those that could not be posted there. */
  review?: { plan: ReviewPlan; notInline: { finding: Finding; reason: NotInlineReason }[] };
  /** What the user should know about the run as a whole (plain text): in every summary and the log. */
  remarks: string[];
  checkRunPublished: boolean;
  readOnlyToken: boolean;
}

export interface ActionResult {
  report: Report;
  conclusion: 'success' | 'failure';
  sarifFile: string;
  reportFile: string;
}

type Step = (run: ActionRun) => void | Promise<void>;

/**
 * The analyses, in order; each adds its part to `run.report`. The runtime ones are those of `rl-review review`,
 * without the pull request's code where it is not trusted.
 */
const ANALYSES: Step[] = [staticAnalysis, refuseUntrustedCode, resolveSmokeDumps, runtimeInFirstShard, ...RUNTIME_ANALYSES, finishSmokeRollout];

/**
 * Where the report goes, in order (the review decides what the summary comment carries; the fallback annotations
 * need to know whether the check run was created). A sink that fails is logged and skipped: the job summary and the
 * report files always have every finding.
 */
const SINKS: { name: string; publish: Step }[] = [
  { name: 'report files', publish: writeReportFiles },
  { name: 'PR review', publish: pullRequestReview },
  { name: 'summary comment', publish: summaryComment },
  { name: 'check run', publish: checkRun },
  { name: 'audit issue', publish: auditIssue },
  { name: 'fallback annotations', publish: fallbackAnnotations },
  { name: 'job summary', publish: jobSummary },
];

export async function runAction(inputs: ActionInputs, runner: RunnerContext): Promise<ActionResult> {
  const event = readRunEvent(runner);
  if (event.kind === 'pull-request' && (inputs.shard || inputs.reports)) {
    throw new InputError(`input '${inputs.shard ? 'shard' : 'reports'}' is for audits (workflow_dispatch, schedule, push): a pull request is reviewed in one job`);
  }
  const client = createGitHubClient(inputs.githubToken, { info: core.info, debug: core.debug });
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  // A pull request's config comes from its base commit (by default), so the PR cannot loosen it.
  const config = event.kind === 'pull-request' ? await loadPullRequestConfig(client, event, inputs) : loadConfig(inputs.config, workspace);
  const temp = mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'rl-review-'));
  const run: ActionRun = {
    inputs,
    event,
    links: runLinks(runner, event.repository),
    client,
    runId: runner.runId,
    root: workspace,
    cwd: workspace,
    paths: inputs.paths,
    config: withInputs(config, (name) => core.getInput(name)),
    log: (text) => process.stdout.write(text),
    temp,
    outputDir: temp,
    report: { findings: [], notices: [] },
    remarks: [],
    checkRunPublished: false,
    readOnlyToken: false,
  };
  for (const analyze of inputs.reports ? [mergedReports] : ANALYSES) await analyze(run);
  for (const { name, publish } of SINKS) {
    try {
      await publish(run);
    } catch (error) {
      reportSinkFailure(run, name, error);
    }
  }
  return { report: run.report, conclusion: conclusionOf(run), sarifFile: sarifFile(run), reportFile: reportFile(run) };
}

function conclusionOf(run: ActionRun): 'success' | 'failure' {
  return reviewFails(run.report, run.inputs.failOn) ? 'failure' : 'success';
}

const sarifFile = (run: ActionRun) => join(run.temp, 'rl-review.sarif');
const reportFile = (run: ActionRun) => join(run.temp, 'rl-review.json');

/** A read-only token is expected on fork PRs: say so once and carry on; anything else is a warning. */
function reportSinkFailure(run: ActionRun, sink: string, error: unknown): void {
  const message = (error as Error).message;
  if (isReadOnlyTokenError(error)) {
    const why = run.event.kind === 'pull-request' && run.event.fromFork
      ? 'this pull request comes from a fork, and `pull_request` runs from forks get a read-only token'
      : "the workflow's `permissions:` do not grant it";
    if (!run.readOnlyToken) {
      core.warning(
        `The token cannot write to this repository (GitHub: "${message}"): ${why}. Reporting through workflow ` +
          'annotations, the job summary and the SARIF file instead; the README shows the setups that can comment on fork PRs.',
      );
    }
    run.readOnlyToken = true;
    run.remarks.push(`The ${sink} was not posted: ${why}.`);
    return;
  }
  core.warning(`rl-review: the ${sink} failed: ${message}`);
  run.remarks.push(`The ${sink} failed (${message}); the findings are all in this report.`);
}

async function staticAnalysis(run: ActionRun): Promise<void> {
  let analysis;
  if (run.event.kind === 'pull-request') {
    analysis = await analyzePullRequest(run.client, run.event, run.inputs, run.config, { workspace: run.root, temp: run.temp });
    run.diff = analysis.diff;
  } else {
    analysis = await analyzeRepository(run.inputs, run.config, run.root);
  }
  run.report.findings.push(...analysis.result.findings);
  run.report.notices.push(...analysis.result.notices);
  run.report.stats = analysis.result.stats;
  run.remarks.push(...analysis.remarks);
  for (const remark of analysis.remarks) core.warning(remark);
  core.info(`rl-review: ${plural(run.report.findings.length, 'finding')} (${severityTally(run.report.findings)}) in ${plural(analysis.result.stats.files, 'file')}.`);
}

/**
 * The sections of every summary (PR comment, check run, job summary, audit issue), in order, each collapsed under
 * the head. `timings` as in `summaryHead`; `charts` where GitHub draws Mermaid (not in a check run's summary).
 */
function summarySections(run: ActionRun, timings: boolean, charts = true): SummarySection[] {
  const sha = run.event.kind === 'pull-request' ? run.event.headSha : run.event.sha;
  const fileUrl = (f: Finding) => run.links.blobUrl(sha, f.path, f.line, f.endLine);
  const outsideDiff = new Set(run.review?.plan.outsideDiff);
  // The blockers above the sections show their findings; those outside the diff stay in their table (no inline comment).
  const { shown } = blockers(run.report, run.inputs.failOn, fileUrl);
  const sections = [
    findingsSection(shown.size ? 'Other findings' : 'Findings', run.report.findings.filter((f) => !outsideDiff.has(f) && !shown.has(f)), fileUrl),
    findingsSection('Outside the diff', [...outsideDiff], fileUrl, 'GitHub takes review comments only on lines of the diff; these findings are elsewhere.'),
    notInlineSection(run.review?.notInline ?? []),
    smokeSection(run.report.rollout, { timings, charts }),
    probesSection(run.report.probes),
    suppressionsSection(run.diff?.suppressions ?? []),
    noticesSection(run.report.notices),
    run.remarks.length ? { title: 'About this run', summary: String(run.remarks.length), blocks: run.remarks.map((r) => `- ${escapeMarkdown(r)}`) } : undefined,
  ];
  return sections.filter((s): s is SummarySection => s !== undefined);
}

/**
 * The verdict, what was reviewed (the head commit linked, the run linked), and the blockers. `timings` (how long
 * things took) only where a changing body costs nothing: not in a comment or an issue, which an identical re-run must
 * leave as they are. `heading`: not in a check run, whose page shows its own title.
 */
function summaryHead(run: ActionRun, timings: boolean, heading = true): string {
  const { report, inputs, event, links } = run;
  const stats = report.stats;
  const files = stats ? plural(stats.files, 'file') : 'no files';
  const detail = timings && stats ? ` (${stats.parsed} parsed, ${stats.skipped} skipped, ${stats.durationMs} ms)` : '';
  const sha = event.kind === 'pull-request' ? event.headSha : event.sha;
  const commit = `[\`${sha.slice(0, 7)}\`](${links.commitUrl(sha)})`;
  const what = event.kind === 'pull-request'
    ? `Reviewed ${files}${detail} of this pull request at ${commit} (scope: ${inputs.scope})`
    : `Audited ${inputs.paths.map((path) => inlineCode(path)).join(', ')} at ${commit}: ${files}${detail}`;
  const fileUrl = (f: Finding) => links.blobUrl(sha, f.path, f.line, f.endLine);
  const blocking = blockers(report, inputs.failOn, fileUrl);
  return [
    ...(heading ? ['## rl-review', ''] : []),
    verdictLine(report, inputs.failOn),
    '',
    `${what} · [workflow run and job summary](${links.runUrl})`,
    ...(blocking.lines.length ? ['', '**Blocking the merge:**', '', ...blocking.lines] : []),
  ].join('\n');
}

function commentText(run: ActionRun, limit: number): string {
  return renderSections(summaryHead(run, false), summarySections(run, false), {
    limit,
    measure: countCharacters,
    omittedNote: jobSummaryNote(run.links.runUrl),
  });
}

async function writeReportFiles(run: ActionRun): Promise<void> {
  writeFileSync(sarifFile(run), formatSarif(run.report));
  writeFileSync(reportFile(run), formatJson(run.report));
}

async function pullRequestReview(run: ActionRun): Promise<void> {
  if (run.event.kind !== 'pull-request' || !run.diff) return;
  const { inputs, event: pr } = run;
  const existing = inputs.comment === 'review' ? await listExistingComments(run.client, pr, await tokenIdentity(run.client)) : [];
  const plan = planReview(run.report.findings, run.diff.files, existing, { maxComments: inputs.maxComments, canResolve: run.diff.analyzed });
  run.review = { plan, notInline: [] };
  if (inputs.comment !== 'review') return;

  const outcome = await publishReview(run.client, pr, plan, inputs.maxComments);
  run.review.notInline = [
    ...plan.overflow.map((finding) => ({ finding, reason: 'over-limit' as const })),
    ...outcome.rejected.map((finding) => ({ finding, reason: 'rejected' as const })),
    ...outcome.unposted.map((finding) => ({ finding, reason: 'not-posted' as const })),
  ];
  core.info(
    `rl-review: review: ${outcome.posted.length} new inline comments, ${plan.alreadyCommented.length} already commented, ` +
      `${plan.overflow.length} over max-comments, ${plan.outsideDiff.length} outside the diff, ${outcome.resolved} marked resolved.`,
  );
  if (outcome.rejected.length) {
    run.remarks.push(`GitHub rejected ${outcome.rejected.length} review comment(s); their findings are listed in this summary.`);
  }
  if (outcome.error) throw outcome.error;
}

async function summaryComment(run: ActionRun): Promise<void> {
  if (run.event.kind !== 'pull-request' || run.inputs.comment === 'off') return;
  const body = commentText(run, COMMENT_BODY_LIMIT - SUMMARY_MARKER.length - 1);
  // A PR with nothing to report gets no comment, but an earlier one is updated to say so.
  const hasNews = run.report.findings.length > 0 || run.report.notices.length > 0 || run.remarks.length > 0 || run.report.rollout !== undefined ||
    Boolean(run.diff?.suppressions.length);
  const outcome = await upsertSummaryComment(run.client, run.event, await tokenIdentity(run.client), body, hasNews);
  core.info(`rl-review: summary comment ${outcome}.`);
}

async function checkRun(run: ActionRun): Promise<void> {
  if (run.event.kind !== 'pull-request') return;
  await publishCheckRun(run.client, {
    repository: run.event.repository,
    headSha: run.event.headSha,
    conclusion: conclusionOf(run),
    title: checkRunTitle(run.report),
    // Not said again under the check's own title; no charts (whether GitHub draws Mermaid here is not documented).
    summary: renderSections(summaryHead(run, false, false), summarySections(run, false, false), {
      limit: CHECK_SUMMARY_LIMIT,
      measure: countCharacters,
      omittedNote: jobSummaryNote(run.links.runUrl),
    }),
    // GitHub draws annotations on the diff too: a finding with an inline comment is shown there once, by the comment.
    findings: run.report.findings.filter((f) => !commentedInline(run).has(f)),
    detailsUrl: run.links.runUrl,
  });
  run.checkRunPublished = true;
  core.info(`rl-review: check run '${CHECK_NAME}' completed: ${conclusionOf(run)}.`);
}

async function auditIssue(run: ActionRun): Promise<void> {
  if (run.event.kind !== 'audit' || !run.inputs.auditIssue) return;
  const body = commentText(run, COMMENT_BODY_LIMIT - AUDIT_MARKER.length - 1);
  const outcome = await upsertAuditIssue(run.client, run.event.repository, await tokenIdentity(run.client), body, run.report.findings.length > 0);
  core.info(`rl-review: audit issue ${outcome}.`);
}

/** The findings an inline review comment shows, posted by this run or an earlier one. */
function commentedInline(run: ActionRun): Set<Finding> {
  if (!run.review || run.inputs.comment !== 'review') return new Set();
  const notInline = new Set(run.review.notInline.map((item) => item.finding));
  const shown = [...run.review.plan.comments.map((comment) => comment.finding), ...run.review.plan.alreadyCommented];
  return new Set(shown.filter((finding) => !notInline.has(finding)));
}

/** Without a check run (a read-only token), workflow commands still put the findings on the PR's diff. */
async function fallbackAnnotations(run: ActionRun): Promise<void> {
  if (run.event.kind !== 'pull-request' || run.checkRunPublished) return;
  core.info('rl-review: no check run: reporting the findings as workflow annotations (GitHub shows 10 errors and 10 warnings per step).');
  process.stdout.write(formatGithub(run.report));
}

async function jobSummary(run: ActionRun): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const text = renderSections(summaryHead(run, true), summarySections(run, true), {
    limit: JOB_SUMMARY_LIMIT_BYTES,
    measure: countBytes,
    omittedNote: (omitted) => `_… ${omitted} more not shown (the job summary is limited to 1 MiB): the full list is in the JSON and SARIF reports (outputs \`report-file\`, \`sarif-file\`)._`,
  });
  await core.summary.addRaw(text).write();
}
