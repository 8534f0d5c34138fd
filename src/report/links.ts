import { NOT_ANALYZED } from '../findings';
import { PROBE_CHECK_IDS } from '../probes/checks';

/**
 * Links to rl-review's docs. On a runner they point at the action's own repository and ref on the same
 * GitHub (so GitHub Enterprise Server users get links on their server); elsewhere at the upstream repository.
 */
const UPSTREAM_REPOSITORY = 'rl-review/rl-review';

export function projectUrl(env: NodeJS.ProcessEnv = process.env): string {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');
  return `${server}/${env.GITHUB_ACTION_REPOSITORY || UPSTREAM_REPOSITORY}`;
}

export function docUrl(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${projectUrl(env)}/blob/${env.GITHUB_ACTION_REF || 'main'}/${path}`;
}

export function ruleDocUrl(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (name === NOT_ANALYZED) return docUrl('docs/not-analyzed.md', env);
  // Probe checks share one page, a section each.
  return docUrl(PROBE_CHECK_IDS.has(name) ? `docs/probes.md#${name}` : `docs/rules/${name}.md`, env);
}
