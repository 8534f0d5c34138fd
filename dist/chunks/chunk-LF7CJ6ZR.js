import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  PROBE_CHECK_IDS
} from "./chunk-J7F4CCJJ.js";
import {
  NOT_ANALYZED
} from "./chunk-NEICRMA7.js";

// src/report/links.ts
var UPSTREAM_REPOSITORY = "rl-review/rl-review";
function projectUrl(env = process.env) {
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/$/, "");
  return `${server}/${env.GITHUB_ACTION_REPOSITORY || UPSTREAM_REPOSITORY}`;
}
function docUrl(path, env = process.env) {
  return `${projectUrl(env)}/blob/${env.GITHUB_ACTION_REF || "main"}/${path}`;
}
function ruleDocUrl(name, env = process.env) {
  if (name === NOT_ANALYZED) return docUrl("docs/not-analyzed.md", env);
  return docUrl(PROBE_CHECK_IDS.has(name) ? `docs/probes.md#${name}` : `docs/rules/${name}.md`, env);
}

export {
  projectUrl,
  docUrl,
  ruleDocUrl
};
