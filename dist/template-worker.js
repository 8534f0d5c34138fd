import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  ProbeInputError,
  probeTemplate
} from "./chunks/chunk-DF27M67T.js";
import "./chunks/chunk-ZXAJMLOA.js";
import "./chunks/chunk-NNWH2TOR.js";
import "./chunks/chunk-IE3FM37B.js";
import "./chunks/chunk-XPX7JKDB.js";
import "./chunks/chunk-W5J2XSN6.js";
import "./chunks/chunk-J7F4CCJJ.js";
import "./chunks/chunk-NEICRMA7.js";
import "./chunks/chunk-2ZMPP5RW.js";

// src/probes/template-worker.ts
process.once("message", ({ dir, options }) => {
  let reply;
  try {
    reply = { result: probeTemplate(dir, options) };
  } catch (error) {
    reply = error instanceof ProbeInputError ? { inputError: error.message } : { error: error.stack ?? String(error) };
  }
  process.send(reply, () => process.disconnect());
});
