import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  DEFAULT_SMOKE_TIMEOUT_MS,
  POLICY_RECORDING_FILE,
  relativeOrAbsolute,
  reviewRollout,
  runSmokeRollout,
  smokePolicy
} from "./chunk-P43ESDYH.js";
import {
  DEFAULT_CALL_TIMEOUT_SECONDS,
  DEFAULT_DATA_SOURCE,
  probeReward,
  probeTemplateIsolated
} from "./chunk-GHOXIPYP.js";
import {
  detectIsolation,
  isolationNotice
} from "./chunk-DUMR42AX.js";
import {
  displayPath,
  findModelDirs,
  insideRepository,
  repositoryOf
} from "./chunk-DF27M67T.js";

// src/review/runtime.ts
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
var RUNTIME_ANALYSES = [templateProbe, rewardProbe, smokeRollout];
function rebase(path, from, to) {
  return relative(to, resolve(from, path)).split(sep).join("/") || ".";
}
function addProbe(report, result) {
  (report.probes ??= []).push(result.report);
  report.findings.push(...result.findings);
}
function notRun(run, path, part, error) {
  const { message } = error;
  run.report.notices.push({ path, message: `the ${part} did not run: ${message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message}` });
}
async function templateProbe(run) {
  const named = run.config.probes.template;
  const paths = named ?? run.paths.filter((path) => existsSync(resolve(run.root, path)));
  const scopes = /* @__PURE__ */ new Map();
  for (const path of paths.map((p) => rebase(p, run.root, run.cwd))) {
    const scope = { cwd: run.cwd, root: named ? run.root : repositoryOf(path, run.root, run.cwd) };
    try {
      const found = findModelDirs([path], scope);
      if (found.truncated) run.report.notices.push({ path, message: `the template probe ${found.truncated}` });
      for (const dir of found.dirs) scopes.set(dir, scope);
    } catch (error) {
      notRun(run, path, "template probe", error);
    }
  }
  for (const [dir, scope] of [...scopes].sort(([a], [b]) => a < b ? -1 : 1)) {
    try {
      addProbe(run.report, await probeTemplateIsolated(dir, scope));
    } catch (error) {
      notRun(run, displayPath(dir, run.cwd), "template probe", error);
    }
  }
}
async function rewardProbe(run) {
  const { "reward-function": target, "reward-style": style = "verl", "reward-example": example, python = "python3", timeout } = run.config.probes;
  if (!target) return;
  const colon = target.lastIndexOf(":");
  const file = rebase(target.slice(0, colon), run.root, run.cwd);
  try {
    const absolutePath = resolve(run.cwd, file);
    if (existsSync(absolutePath)) insideRepository(absolutePath, file, { cwd: run.cwd, root: run.root });
    const result = await probeReward({
      target: `${file}${target.slice(colon)}`,
      style,
      // `.venv/bin/python` is the repository's; `python3` is looked up on the PATH.
      python: python.includes("/") ? resolve(run.root, python) : python,
      timeoutSeconds: timeout === void 0 ? DEFAULT_CALL_TIMEOUT_SECONDS : timeout / 1e3,
      dataSource: DEFAULT_DATA_SOURCE,
      example,
      cwd: run.cwd
    });
    addProbe(run.report, result);
    const notice = isolationNotice(detectIsolation());
    if (notice) run.report.notices.push({ path: file, message: `the reward function ${notice}` });
  } catch (error) {
    notRun(run, file, "reward probe", error);
  }
}
async function smokeRollout(run) {
  const { command, timeout = DEFAULT_SMOKE_TIMEOUT_MS, output, format = "auto", policy: spec, dumps } = run.config.rollout;
  if (dumps) {
    const outside = isAbsolute(dumps) && relative(run.root, dumps).startsWith("..") ? dirname(dumps) : void 0;
    const displayPath2 = (path) => outside && !relative(outside, path).startsWith("..") ? relative(outside, path).split(sep).join("/") : relativeOrAbsolute(run.cwd, path);
    run.report.rollout = await reviewRollout({ inputs: [dumps], cwd: run.root, inputFormat: format, config: run.config.rollout, displayPath: displayPath2 });
    return;
  }
  if (!command) return;
  let policy;
  try {
    policy = spec === void 0 ? void 0 : smokePolicy(spec, {
      cwd: run.root,
      config: run.config.rollout,
      exampleAnswer: run.config.probes["reward-example"]?.response,
      recording: join(run.outputDir, POLICY_RECORDING_FILE),
      name: "rollout.policy"
    });
  } catch (error) {
    notRun(run, spec, "smoke rollout", error);
    return;
  }
  run.report.rollout = await runSmokeRollout({
    command: [command],
    cwd: run.root,
    shownFrom: run.cwd,
    timeoutMs: timeout,
    output,
    inputFormat: format,
    config: run.config.rollout,
    log: run.log,
    policy
  });
}

export {
  RUNTIME_ANALYSES,
  rebase
};
