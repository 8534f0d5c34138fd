import { z } from 'zod';
import { durationSchema } from '../duration';

/**
 * One real answer the reward function pays, in verl's argument names: the probe's correct-answer case, and the
 * sample its other cases are built from (the ground truth emptied, the answer swapped, the response wrapped).
 */
export const rewardExampleSchema = z.strictObject({
  response: z.string().min(1),
  /** Any JSON: a string, a number, a list of accepted answers, verl's `{"target": [...]}`. Leave it out for a reward that takes none. */
  ground_truth: z.unknown().optional(),
  /** verl's extra_info (a database path, test cases); in TRL style, each key is passed as a dataset column. */
  extra_info: z.record(z.string(), z.unknown()).optional(),
  /** verl's data_source, for rewards that dispatch on it. */
  data_source: z.string().min(1).optional(),
  /** TRL's prompt. */
  prompt: z.string().optional(),
});

export type RewardExample = z.infer<typeof rewardExampleSchema>;

/** verl: `compute_score(data_source=, solution_str=, ground_truth=, extra_info=)`. TRL: `f(prompts=, completions=, **columns)`. */
export const REWARD_STYLES = ['verl', 'trl'] as const;
export type RewardStyle = (typeof REWARD_STYLES)[number];

/** The `probes:` section of `.github/rl-review.yml`, for `rl-review review` and the Action (whose inputs win when set). */
export const probesConfigSchema = z.strictObject({
  /** Model directories for the template probe, relative to the repository; default: each one holding a tokenizer_config.json under the reviewed paths. */
  template: z.array(z.string().min(1)).optional(),
  /** The reward function to probe, `path/to/file.py:function`; none: no reward probe. */
  'reward-function': z
    .string()
    .regex(/^.+:[A-Za-z_$][\w$]*$/, 'must be FILE:FUNCTION, like rewards.py:compute_score')
    .optional(),
  /** One real answer the reward function pays (see rewardExampleSchema). */
  'reward-example': rewardExampleSchema.optional(),
  /** How the function is called: like verl's compute_score (default) or a TRL reward function. */
  'reward-style': z.enum(REWARD_STYLES).optional(),
  /** The Python of the project's environment (default python3). */
  python: z.string().min(1).optional(),
  /** The longest one call of the reward function may take (default 10s), in milliseconds once read. */
  timeout: durationSchema.optional(),
});

export type ProbesConfig = z.infer<typeof probesConfigSchema>;
