import * as core from '@actions/core';
import { context } from '@actions/github/lib/utils';
import { runAction } from './action/pipeline';
import { readInputs } from './action/inputs';
import { checkRunTitle } from './report/check-run';

/** The Action's entry point: inputs in, the pipeline, outputs out. */
try {
  const inputs = readInputs((name) => core.getInput(name));
  const result = await runAction(inputs, {
    eventName: context.eventName,
    sha: context.sha,
    payload: context.payload,
    runId: context.runId,
    serverUrl: context.serverUrl,
    repository: process.env.GITHUB_REPOSITORY,
  });
  const errors = result.report.findings.filter((f) => f.severity === 'error').length;
  core.setOutput('findings', result.report.findings.length);
  core.setOutput('errors', errors);
  core.setOutput('sarif-file', result.sarifFile);
  core.setOutput('report-file', result.reportFile);
  core.setOutput('conclusion', result.conclusion);
  if (result.conclusion === 'failure') {
    core.setFailed(`rl-review: ${checkRunTitle(result.report)} (fail-on: ${inputs.failOn}).`);
  }
} catch (error) {
  core.setFailed(`rl-review: ${(error as Error).message}`);
}
