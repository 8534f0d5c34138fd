import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  blockers,
  bySeverity,
  headline,
  reviewFails,
  rolloutVerdict,
  severityWords,
  verdictLine
} from "./chunk-QP45USWT.js";
import "./chunk-LF7CJ6ZR.js";
import "./chunk-CZEIGTUX.js";
import "./chunk-J7F4CCJJ.js";
import "./chunk-NEICRMA7.js";
import "./chunk-2ZMPP5RW.js";
export {
  blockers,
  bySeverity,
  headline,
  reviewFails,
  rolloutVerdict,
  severityWords,
  verdictLine
};
