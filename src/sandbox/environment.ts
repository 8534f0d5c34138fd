import { dirname } from 'node:path';

/** Variables that hold the workflow's token or the runner's credentials. */
const SECRET_VARIABLES = ['GITHUB_TOKEN', 'GH_TOKEN'];

/**
 * The runner's file commands: a line appended to GITHUB_ENV or GITHUB_PATH changes the environment of every later
 * step of the job (and so what runs with its token); GITHUB_OUTPUT and GITHUB_STATE set outputs, the step summary is
 * shown as rl-review's.
 */
const FILE_COMMAND_VARIABLES = ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'];

/**
 * The environment for code from the reviewed repository (the smoke command, the reward function): ours without
 * secrets, without the Action's inputs (`INPUT_GITHUB-TOKEN`), without the runner's `ACTIONS_*` variables
 * (`ACTIONS_RUNTIME_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN` and their URLs) and without the file commands.
 */
export function untrustedEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept = Object.entries(env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined &&
      !SECRET_VARIABLES.includes(entry[0]) &&
      !FILE_COMMAND_VARIABLES.includes(entry[0]) &&
      !entry[0].startsWith('INPUT_') &&
      !entry[0].startsWith('ACTIONS_'),
  );
  return Object.fromEntries(kept);
}

/** The directories that hold the job's file commands (`$RUNNER_TEMP/_runner_file_commands`), hidden from that code. */
export function fileCommandDirectories(env: NodeJS.ProcessEnv): string[] {
  const files = FILE_COMMAND_VARIABLES.map((name) => env[name]).filter((path): path is string => !!path);
  return [...new Set(files.map((path) => dirname(path)))];
}
