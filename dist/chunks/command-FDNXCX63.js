import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  POLICY_USAGE,
  policyServerOptions,
  runPolicy
} from "./chunk-PIBWCIEG.js";
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
import "./chunk-NEICRMA7.js";
import "./chunk-2ZMPP5RW.js";
export {
  POLICY_USAGE,
  policyServerOptions,
  runPolicy
};
