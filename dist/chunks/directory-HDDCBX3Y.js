import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  RUNTIME_ANALYSES,
  rebase
} from "./chunk-GQOK3RGW.js";
import "./chunk-P43ESDYH.js";
import "./chunk-GHOXIPYP.js";
import "./chunk-DUMR42AX.js";
import {
  DEFAULT_CONFIG_PATHS,
  loadConfig
} from "./chunk-NCYQSYLI.js";
import "./chunk-XTT4MZ2P.js";
import {
  scan
} from "./chunk-M2V3OQCK.js";
import "./chunk-6UVJD5RY.js";
import "./chunk-RKUACE6G.js";
import "./chunk-DF27M67T.js";
import "./chunk-ZXAJMLOA.js";
import "./chunk-PIBWCIEG.js";
import "./chunk-3GU5BAI5.js";
import "./chunk-QS3CJJVH.js";
import "./chunk-7ERNPP63.js";
import "./chunk-3V2J5QG7.js";
import "./chunk-NNWH2TOR.js";
import "./chunk-IE3FM37B.js";
import "./chunk-XPX7JKDB.js";
import "./chunk-W5J2XSN6.js";
import "./chunk-QP45USWT.js";
import "./chunk-LF7CJ6ZR.js";
import "./chunk-CZEIGTUX.js";
import "./chunk-J7F4CCJJ.js";
import {
  compareFindings
} from "./chunk-NEICRMA7.js";
import "./chunk-2ZMPP5RW.js";

// src/review/directory.ts
import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
async function reviewDirectory(options) {
  const { config, root } = reviewConfig(options);
  const run = {
    root,
    cwd: options.cwd,
    paths: [rebase(options.dir, options.cwd, root)],
    config,
    report: { findings: [], notices: [] },
    log: options.log,
    outputDir: options.outputDir ?? options.cwd
  };
  const scanned = await scan({ paths: run.paths, cwd: root, config, onProgress: options.onProgress });
  run.report.findings = scanned.findings.map((finding) => ({ ...finding, path: rebase(finding.path, root, run.cwd) }));
  run.report.notices = scanned.notices.map((notice) => ({ ...notice, path: rebase(notice.path, root, run.cwd) }));
  run.report.stats = scanned.stats;
  for (const analyze of RUNTIME_ANALYSES) await analyze(run);
  run.report.findings.sort(compareFindings);
  return run.report;
}
function reviewConfig(options) {
  const own = DEFAULT_CONFIG_PATHS.map((path) => join(options.dir, path)).find((path) => existsSync(resolve(options.cwd, path)));
  const config = loadConfig(options.configPath ?? own, options.cwd);
  const file = config.file && resolve(options.cwd, config.file);
  const root = file && basename(dirname(file)) === ".github" ? dirname(dirname(file)) : options.cwd;
  return { config, root };
}
export {
  reviewDirectory
};
