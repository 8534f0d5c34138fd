import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  ReportFileError,
  mergeReportFiles,
  mergeReports
} from "./chunk-QVCMDT5U.js";
import "./chunk-IE3FM37B.js";
import "./chunk-XPX7JKDB.js";
import "./chunk-W5J2XSN6.js";
import "./chunk-NEICRMA7.js";
import "./chunk-2ZMPP5RW.js";
export {
  ReportFileError,
  mergeReportFiles,
  mergeReports
};
