// The GitHub API emulator for end-to-end tests of the Action: see README.md.
export { startEmulator, GitHubEmulator, type EmulatorOptions, type Permissions, type RecordedRequest, type Violation } from './emulator';
export type { Fault, FaultKind, FaultOptions } from './faults';
export { GitRepository, type FileChanges } from './git';
export { newestGhesSpec, OpenApiContract, type SpecName } from './openapi';
export { issueCommentPayload, pullRequestPayload, schedulePayload, workflowDispatchPayload } from './payloads';
export { PullRequestLab } from './pull-request-lab';
export { webhookExample } from './resources';
export { MAX_LISTED_FILES, PATCH_LIMIT } from './pull-files';
export { checkout, runAction, STEP_SUMMARY_LIMIT_BYTES, type ActionRun, type RunActionOptions, type WorkflowCommand } from './run-action';
export { declaringSize } from './zip';
export { ACTIONS_BOT, CONTRIBUTOR, type Account, type EmulatorState, type PullRequestRecord } from './state';
