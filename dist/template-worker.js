import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  ProbeInputError,
  probeTemplate
} from "./chunks/chunk-QEVG3DEU.js";
import "./chunks/chunk-OM2IMJ72.js";
import "./chunks/chunk-S3CKACEJ.js";
import "./chunks/chunk-WVNCUC7L.js";

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
