import { createRequire as __rlCreateRequire } from 'node:module'; import { fileURLToPath as __rlFileURLToPath } from 'node:url'; import { dirname as __rlDirname } from 'node:path'; const require = __rlCreateRequire(import.meta.url); const __filename = __rlFileURLToPath(import.meta.url); const __dirname = __rlDirname(__filename);
import {
  durationSchema,
  probesConfigSchema
} from "./chunk-XTT4MZ2P.js";
import {
  INPUT_FORMATS
} from "./chunk-RKUACE6G.js";
import {
  require_dist
} from "./chunk-3GU5BAI5.js";
import {
  RULES
} from "./chunk-3V2J5QG7.js";
import {
  external_exports
} from "./chunk-IE3FM37B.js";
import {
  readRegularFile
} from "./chunk-XPX7JKDB.js";
import {
  __toESM
} from "./chunk-2ZMPP5RW.js";

// src/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";

// src/rollout/config.ts
var checkSettings = external_exports.strictObject({
  /** `off`, or the severity a failure has: error fails the run, warning and info only warn. */
  severity: external_exports.enum(["off", "error", "warning", "info"]).optional(),
  /** The largest share of checked trajectories (groups, for zero-signal-groups) that may fail. */
  threshold: external_exports.number().min(0).max(1).optional()
});
var rolloutConfigSchema = external_exports.strictObject({
  checks: external_exports.strictObject({
    "generation-prompt": checkSettings.optional(),
    "special-token-leak": checkSettings.optional(),
    truncation: checkSettings.optional(),
    "tool-call-format": checkSettings.optional(),
    "malformed-tool-call-rewarded": checkSettings.optional(),
    "empty-ground-truth-rewarded": checkSettings.optional(),
    "zero-signal-groups": checkSettings.optional(),
    "loss-mask": checkSettings.optional(),
    "reward-sanity": checkSettings.extend({
      /** Rewards outside `[min, max]` fail. */
      range: external_exports.tuple([external_exports.number(), external_exports.number()]).refine(([min, max]) => min <= max, "must be [min, max] with min <= max").optional()
    }).optional(),
    "response-length": checkSettings.optional(),
    repetition: checkSettings.extend({
      /** A response whose share of repeated n-grams is above this is repetitive. */
      rate: external_exports.number().gt(0).max(1).optional()
    }).optional(),
    // With `policy` only: the dump and the command judged against what the scripted policy served.
    "adversarial-rewarded": checkSettings.optional(),
    "prompt-generation-header": checkSettings.optional(),
    "stop-sequences": checkSettings.optional(),
    "sampling-params": checkSettings.optional(),
    "environment-crash": checkSettings.optional()
  }).default({}),
  /** A tokenizer_config.json (relative to the working directory) whose chat template gives the generation prompt. */
  "tokenizer-config": external_exports.string().optional(),
  /**
   * The smoke rollout of `rl-review review` and the Action (whose `smoke-*` inputs win when set): a shell command
   * run in the repository, that writes its dump to the fresh directory in `$RL_REVIEW_OUT`.
   */
  command: external_exports.string().min(1).optional(),
  /** How long the command may run before everything it started is killed (default 15m, at most 596h), in milliseconds once read. */
  timeout: durationSchema.optional(),
  /** The dump files, a directory or a glob, relative to the repository; default: all of `$RL_REVIEW_OUT`. */
  output: external_exports.string().min(1).optional(),
  /**
   * Dumps a smoke rollout wrote elsewhere (a GPU job): files, a directory or a glob, relative to the repository,
   * checked instead of running `command`.
   */
  dumps: external_exports.string().min(1).optional(),
  /** The dump format (default auto: detected per file). */
  format: external_exports.enum(INPUT_FORMATS).optional(),
  /**
   * `rollout run`: serve a scripted policy on an OpenAI-compatible endpoint while the command runs (OPENAI_BASE_URL):
   * `adversarial`, `correct`, or a YAML file of cases (rl-review policy --help).
   */
  policy: external_exports.string().min(1).optional()
});
var DEFAULT_ROLLOUT_CONFIG = { checks: {} };

// src/config.ts
var DEFAULT_CONFIG_PATHS = [".github/rl-review.yml", ".github/rl-review.yaml"];
var MAX_CONFIG_BYTES = 1024 * 1024;
var MAX_ALIAS_COUNT = 100;
var ruleSetting = external_exports.enum(["off", "on", "error", "warning", "info"]);
var configSchema = external_exports.strictObject({
  /** Per rule (by code or kebab name) or family (`RL2`): `off`, `on` (default severity) or a severity. */
  rules: external_exports.record(external_exports.string(), ruleSetting).default({}),
  /** Globs (relative to the scanned root) a file must match to be scanned; empty: every supported file. */
  include: external_exports.array(external_exports.string()).default([]),
  /** Globs of files never scanned. */
  exclude: external_exports.array(external_exports.string()).default([]),
  /** The chat-template and reward-function probes. */
  probes: probesConfigSchema.default({}),
  /** The smoke rollout: its command, and each check's severity and threshold. */
  rollout: rolloutConfigSchema.default(DEFAULT_ROLLOUT_CONFIG)
});
var ConfigError = class extends Error {
};
function defaultConfig() {
  return { rules: new Map(RULES.map((r) => [r.meta.code, "default"])), include: [], exclude: [], probes: {}, rollout: DEFAULT_ROLLOUT_CONFIG };
}
function loadConfig(path, cwd = process.cwd()) {
  const candidates = path ? [path] : DEFAULT_CONFIG_PATHS;
  const found = candidates.map((p) => isAbsolute(p) ? p : join(cwd, p)).find((p) => existsSync(p));
  if (!found) {
    if (path) throw new ConfigError(`${path}: config file not found`);
    return defaultConfig();
  }
  const display = relative(cwd, found) || found;
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readRegularFile(found, MAX_CONFIG_BYTES));
  } catch (error) {
    const why = error.code === "ERR_ENCODING_INVALID_ENCODED_DATA" ? "not valid UTF-8 (save it as UTF-8)" : error.message;
    throw new ConfigError(`${display}: cannot read config file: ${why}`);
  }
  return parseConfig(text, display);
}
function parseConfig(text, file) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new ConfigError(`${file}:${line}: invalid YAML: ${error.message.split("\n")[0]}`);
  }
  const lineOf = (path) => {
    let node = doc.contents;
    let last;
    for (const key of path) {
      if ((0, import_yaml.isMap)(node)) {
        const pair = node.items.find((p) => String(p.key?.value ?? p.key) === String(key));
        last = pair?.key ?? last;
        node = pair?.value;
      } else if ((0, import_yaml.isSeq)(node)) {
        node = node.items[Number(key)];
        last = node ?? last;
      } else break;
    }
    const offset = last?.range?.[0] ?? doc.contents?.range?.[0] ?? 0;
    return lineCounter.linePos(offset).line;
  };
  let raw;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    throw new ConfigError(`${file}:${lineCounter.linePos(firstAlias(doc)?.range?.[0] ?? 0).line}: invalid YAML: ${error.message}`);
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    const what = Array.isArray(raw) ? "a list" : `the ${typeof raw} ${JSON.stringify(raw)}`;
    throw new ConfigError(`${file}:${lineOf([])}: the config must be a mapping of keys (${Object.keys(configSchema.shape).join(", ")}), not ${what}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0];
      const valid = Object.keys(shapeAt(path)).join(", ");
      throw new ConfigError(`${file}:${lineOf([...path, key])}: unknown key '${[...path, key].join(".")}' (valid keys: ${valid})`);
    }
    const where = path.length ? `'${path.join(".")}'` : "the config";
    const choices = issue.code === "invalid_value" ? ` (valid: ${issue.values.join(", ")})` : "";
    throw new ConfigError(`${file}:${lineOf(issue.path)}: ${where}: ${issue.message}${choices}`);
  }
  const rules = defaultConfig().rules;
  const entries = Object.entries(parsed.data.rules);
  const families = ruleFamilies();
  const apply = (codes, setting) => {
    for (const code of codes) {
      if (setting === "off") rules.delete(code);
      else rules.set(code, setting === "on" ? "default" : setting);
    }
  };
  for (const [key, setting] of entries) {
    const members = families.get(key);
    if (members) apply(members, setting);
    else if (!RULES.some((r) => r.meta.code === key || r.meta.name === key)) {
      const valid = RULES.map((r) => `${r.meta.code} (${r.meta.name})`).join(", ");
      throw new ConfigError(
        `${file}:${lineOf(["rules", key])}: unknown rule 'rules.${key}' (valid rules: ${valid}; valid families: ${[...families.keys()].join(", ")})`
      );
    }
  }
  for (const [key, setting] of entries) {
    const rule = RULES.find((r) => r.meta.code === key || r.meta.name === key);
    if (rule) apply([rule.meta.code], setting);
  }
  const { include, exclude, probes, rollout } = parsed.data;
  return { file, rules, include, exclude, probes, rollout };
}
function firstAlias(doc) {
  let alias;
  (0, import_yaml.visit)(doc, {
    Alias(_, node) {
      alias = node;
      return import_yaml.visit.BREAK;
    }
  });
  return alias;
}
function ruleFamilies() {
  const families = /* @__PURE__ */ new Map();
  for (const { meta } of RULES) {
    const family = meta.code.slice(0, -2);
    families.set(family, [...families.get(family) ?? [], meta.code]);
  }
  return families;
}
function shapeAt(path) {
  let schema = configSchema;
  for (const key of path) {
    const inner2 = unwrap(schema);
    if (!(inner2 instanceof external_exports.ZodObject)) return {};
    schema = inner2.shape[key];
  }
  const inner = unwrap(schema);
  return inner instanceof external_exports.ZodObject ? inner.shape : {};
}
function unwrap(schema) {
  let s = schema;
  while (s instanceof external_exports.ZodDefault || s instanceof external_exports.ZodOptional) s = s.unwrap();
  return s;
}

export {
  rolloutConfigSchema,
  DEFAULT_CONFIG_PATHS,
  ConfigError,
  defaultConfig,
  loadConfig,
  parseConfig
};
