/** Variables the repository's code must not see: the token of the workflow and the runner's own credentials. */
const SECRET_VARIABLES = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
];

/**
 * The environment for code from the reviewed repository (the smoke command, the reward function): ours without
 * secrets and without the Action's inputs (`INPUT_GITHUB-TOKEN`).
 */
export function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !SECRET_VARIABLES.includes(name) && !name.startsWith('INPUT_')));
}
