import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, visit, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { readRegularFile } from './analysis/files';
import { RULES } from './analysis/rules/index';
import type { Severity } from './findings';
import { probesConfigSchema, type ProbesConfig } from './probes/config';
import { DEFAULT_ROLLOUT_CONFIG, rolloutConfigSchema, type RolloutConfig } from './rollout/config';

/** Where rl-review looks for its config when none is given. */
export const DEFAULT_CONFIG_PATHS = ['.github/rl-review.yml', '.github/rl-review.yaml'];

/** A config is a few lines: a larger file (or a link to /dev/zero) is refused before it is read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** yaml's own default: aliases beyond it are an alias bomb (a few lines that expand to gigabytes). */
const MAX_ALIAS_COUNT = 100;

const ruleSetting = z.enum(['off', 'on', 'error', 'warning', 'info']);

const configSchema = z.strictObject({
  /** Per rule (by code or kebab name) or family (`RL2`): `off`, `on` (default severity) or a severity. */
  rules: z.record(z.string(), ruleSetting).default({}),
  /** Globs (relative to the scanned root) a file must match to be scanned; empty: every supported file. */
  include: z.array(z.string()).default([]),
  /** Globs of files never scanned. */
  exclude: z.array(z.string()).default([]),
  /** The chat-template and reward-function probes. */
  probes: probesConfigSchema.default({}),
  /** The smoke rollout: its command, and each check's severity and threshold. */
  rollout: rolloutConfigSchema.default(DEFAULT_ROLLOUT_CONFIG),
});

export type RuleSetting = z.infer<typeof ruleSetting>;

export interface Config {
  /** The file it came from, relative to the working directory; undefined for the built-in defaults. */
  file?: string;
  /** The enabled rules by code: a severity set in the config, or `default` (the rule's own). */
  rules: Map<string, Severity | 'default'>;
  include: string[];
  exclude: string[];
  probes: ProbesConfig;
  rollout: RolloutConfig;
}

export class ConfigError extends Error {}

export function defaultConfig(): Config {
  return { rules: new Map(RULES.map((r) => [r.meta.code, 'default'])), include: [], exclude: [], probes: {}, rollout: DEFAULT_ROLLOUT_CONFIG };
}

/** Load `path` (or the first default path that exists under `cwd`); no file means the defaults. */
export function loadConfig(path: string | undefined, cwd = process.cwd()): Config {
  const candidates = path ? [path] : DEFAULT_CONFIG_PATHS;
  const found = candidates.map((p) => (isAbsolute(p) ? p : join(cwd, p))).find((p) => existsSync(p));
  if (!found) {
    if (path) throw new ConfigError(`${path}: config file not found`);
    return defaultConfig();
  }
  const display = relative(cwd, found) || found;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readRegularFile(found, MAX_CONFIG_BYTES));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA' ? 'not valid UTF-8 (save it as UTF-8)' : (error as Error).message;
    throw new ConfigError(`${display}: cannot read config file: ${why}`);
  }
  return parseConfig(text, display);
}

export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new ConfigError(`${file}:${line}: invalid YAML: ${error.message.split('\n')[0]}`);
  }
  const lineOf = (path: (string | number)[]) => {
    let node: unknown = doc.contents;
    let last: YamlNode | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(key));
        last = (pair?.key as YamlNode) ?? last;
        node = pair?.value;
      } else if (isSeq(node)) {
        node = node.items[Number(key)];
        last = (node as YamlNode) ?? last;
      } else break;
    }
    const offset = last?.range?.[0] ?? (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
    return lineCounter.linePos(offset).line;
  };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    // An alias bomb, or an alias of no anchor: yaml says which, the line is that of the first alias.
    throw new ConfigError(`${file}:${lineCounter.linePos(firstAlias(doc)?.range?.[0] ?? 0).line}: invalid YAML: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const what = Array.isArray(raw) ? 'a list' : `the ${typeof raw} ${JSON.stringify(raw)}`;
    throw new ConfigError(`${file}:${lineOf([])}: the config must be a mapping of keys (${Object.keys(configSchema.shape).join(', ')}), not ${what}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      const valid = Object.keys(shapeAt(path)).join(', ');
      throw new ConfigError(`${file}:${lineOf([...path, key])}: unknown key '${[...path, key].join('.')}' (valid keys: ${valid})`);
    }
    const where = path.length ? `'${path.join('.')}'` : 'the config';
    const choices = issue.code === 'invalid_value' ? ` (valid: ${issue.values.join(', ')})` : '';
    throw new ConfigError(`${file}:${lineOf(issue.path as (string | number)[])}: ${where}: ${issue.message}${choices}`);
  }

  // Families first (`RL2: off`), then single rules, whatever their order in the file: a single code wins over its family.
  const rules = defaultConfig().rules;
  const entries = Object.entries(parsed.data.rules);
  const families = ruleFamilies();
  const apply = (codes: string[], setting: RuleSetting) => {
    for (const code of codes) {
      if (setting === 'off') rules.delete(code);
      else rules.set(code, setting === 'on' ? 'default' : setting);
    }
  };
  for (const [key, setting] of entries) {
    const members = families.get(key);
    if (members) apply(members, setting);
    else if (!RULES.some((r) => r.meta.code === key || r.meta.name === key)) {
      const valid = RULES.map((r) => `${r.meta.code} (${r.meta.name})`).join(', ');
      throw new ConfigError(
        `${file}:${lineOf(['rules', key])}: unknown rule 'rules.${key}' (valid rules: ${valid}; ` +
        `valid families: ${[...families.keys()].join(', ')})`,
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

function firstAlias(doc: ReturnType<typeof parseDocument>): YamlNode | undefined {
  let alias: YamlNode | undefined;
  visit(doc, {
    Alias(_, node) {
      alias = node;
      return visit.BREAK;
    },
  });
  return alias;
}

/**
 * Rule families by prefix, as Ruff's: a code without its last two digits (`RL2` holds RL201, RL202...), so that one
 * line of the config turns a family on or off or sets its severity.
 */
function ruleFamilies(): Map<string, string[]> {
  const families = new Map<string, string[]>();
  for (const { meta } of RULES) {
    const family = meta.code.slice(0, -2);
    families.set(family, [...(families.get(family) ?? []), meta.code]);
  }
  return families;
}

/** The object shape at a path of the schema, to list the valid keys in an error. */
function shapeAt(path: string[]): Record<string, unknown> {
  let schema: z.ZodType = configSchema;
  for (const key of path) {
    const inner = unwrap(schema);
    if (!(inner instanceof z.ZodObject)) return {};
    schema = inner.shape[key];
  }
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? inner.shape : {};
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}
