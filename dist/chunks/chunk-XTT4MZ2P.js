import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  external_exports
} from "./chunk-IE3FM37B.js";

// src/duration.ts
var UNITS_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var MAX_DURATION_MS = 2 ** 31 - 1;
var MAX_DURATION_TEXT = "596h (24 days)";
function readDuration(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) return { error: "must be a duration like 15m, 90s or 1h" };
  const ms = Number(match[1]) * UNITS_MS[match[2] ?? "s"];
  return ms > MAX_DURATION_MS ? { error: `must be at most ${MAX_DURATION_TEXT}` } : { ms };
}
var durationSchema = external_exports.union([external_exports.string(), external_exports.number()]).transform((value, context) => {
  const duration = readDuration(String(value));
  if ("error" in duration) context.addIssue({ code: "custom", message: duration.error });
  return "ms" in duration ? duration.ms : external_exports.NEVER;
});

// src/probes/config.ts
var rewardExampleSchema = external_exports.strictObject({
  response: external_exports.string().min(1),
  /** Any JSON: a string, a number, a list of accepted answers, verl's `{"target": [...]}`. Leave it out for a reward that takes none. */
  ground_truth: external_exports.unknown().optional(),
  /** verl's extra_info (a database path, test cases); in TRL style, each key is passed as a dataset column. */
  extra_info: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
  /** verl's data_source, for rewards that dispatch on it. */
  data_source: external_exports.string().min(1).optional(),
  /** TRL's prompt. */
  prompt: external_exports.string().optional()
});
var REWARD_STYLES = ["verl", "trl"];
var probesConfigSchema = external_exports.strictObject({
  /** Model directories for the template probe, relative to the repository; default: each one holding a tokenizer_config.json under the reviewed paths. */
  template: external_exports.array(external_exports.string().min(1)).optional(),
  /** The reward function to probe, `path/to/file.py:function`; none: no reward probe. */
  "reward-function": external_exports.string().regex(/^.+:[A-Za-z_$][\w$]*$/, "must be FILE:FUNCTION, like rewards.py:compute_score").optional(),
  /** One real answer the reward function pays (see rewardExampleSchema). */
  "reward-example": rewardExampleSchema.optional(),
  /** How the function is called: like verl's compute_score (default) or a TRL reward function. */
  "reward-style": external_exports.enum(REWARD_STYLES).optional(),
  /** The Python of the project's environment (default python3). */
  python: external_exports.string().min(1).optional(),
  /** The longest one call of the reward function may take (default 10s), in milliseconds once read. */
  timeout: durationSchema.optional()
});

export {
  MAX_DURATION_MS,
  MAX_DURATION_TEXT,
  readDuration,
  durationSchema,
  rewardExampleSchema,
  REWARD_STYLES,
  probesConfigSchema
};
