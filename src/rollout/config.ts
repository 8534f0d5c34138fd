import { z } from 'zod';
import { durationSchema } from '../duration';
import { INPUT_FORMATS } from './formats/format';

const checkSettings = z.strictObject({
  /** `off`, or the severity a failure has: error fails the run, warning and info only warn. */
  severity: z.enum(['off', 'error', 'warning', 'info']).optional(),
  /** The largest share of checked trajectories (groups, for zero-signal-groups) that may fail. */
  threshold: z.number().min(0).max(1).optional(),
});

/** The `rollout:` section of `.github/rl-review.yml`: one entry per check id, all optional. */
export const rolloutConfigSchema = z.strictObject({
  checks: z
    .strictObject({
      'generation-prompt': checkSettings.optional(),
      'special-token-leak': checkSettings.optional(),
      truncation: checkSettings.optional(),
      'tool-call-format': checkSettings.optional(),
      'malformed-tool-call-rewarded': checkSettings.optional(),
      'empty-ground-truth-rewarded': checkSettings.optional(),
      'zero-signal-groups': checkSettings.optional(),
      'loss-mask': checkSettings.optional(),
      'reward-sanity': checkSettings
        .extend({
          /** Rewards outside `[min, max]` fail. */
          range: z
            .tuple([z.number(), z.number()])
            .refine(([min, max]) => min <= max, 'must be [min, max] with min <= max')
            .optional(),
        })
        .optional(),
      'response-length': checkSettings.optional(),
      repetition: checkSettings
        .extend({
          /** A response whose share of repeated n-grams is above this is repetitive. */
          rate: z.number().gt(0).max(1).optional(),
        })
        .optional(),
      // With `policy` only: the dump and the command judged against what the scripted policy served.
      'adversarial-rewarded': checkSettings.optional(),
      'prompt-generation-header': checkSettings.optional(),
      'stop-sequences': checkSettings.optional(),
      'sampling-params': checkSettings.optional(),
      'environment-crash': checkSettings.optional(),
    })
    .default({}),
  /** A tokenizer_config.json (relative to the working directory) whose chat template gives the generation prompt. */
  'tokenizer-config': z.string().optional(),
  /**
   * The smoke rollout of `rl-review review` and the Action (whose `smoke-*` inputs win when set): a shell command
   * run in the repository, that writes its dump to the fresh directory in `$RL_REVIEW_OUT`.
   */
  command: z.string().min(1).optional(),
  /** How long the command may run before everything it started is killed (default 15m, at most 596h), in milliseconds once read. */
  timeout: durationSchema.optional(),
  /** The dump files, a directory or a glob, relative to the repository; default: all of `$RL_REVIEW_OUT`. */
  output: z.string().min(1).optional(),
  /**
   * Dumps a smoke rollout wrote elsewhere (a GPU job): files, a directory or a glob, relative to the repository,
   * checked instead of running `command`.
   */
  dumps: z.string().min(1).optional(),
  /** The dump format (default auto: detected per file). */
  format: z.enum(INPUT_FORMATS).optional(),
  /**
   * `rollout run`: serve a scripted policy on an OpenAI-compatible endpoint while the command runs (OPENAI_BASE_URL):
   * `adversarial`, `correct`, or a YAML file of cases (rl-review policy --help).
   */
  policy: z.string().min(1).optional(),
});

export type RolloutConfig = z.infer<typeof rolloutConfigSchema>;

export const DEFAULT_ROLLOUT_CONFIG: RolloutConfig = { checks: {} };
