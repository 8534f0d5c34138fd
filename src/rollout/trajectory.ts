/**
 * One sampled trajectory, as every dump format is read into it. Text keeps whatever the framework wrote:
 * special tokens kept (native, SkyRL) or stripped by `skip_special_tokens=True` (verl, TRL).
 */

export type FinishReason = 'stop' | 'length' | 'tool' | 'error' | 'abort';

export const FINISH_REASONS: readonly FinishReason[] = ['stop', 'length', 'tool', 'error', 'abort'];

export interface Message {
  role: string;
  content: string;
}

export interface Trajectory {
  /** Where it was read, for examples and notices: `dump.jsonl:12`, `completions_00010.parquet row 3`. */
  source: string;
  /** The prompt text exactly as fed to the model; undefined when the dump has only `messages`. */
  prompt?: string;
  response: string;
  reward?: number;
  /** The GRPO group (prompt id); when absent, trajectories of one step with the same prompt form a group. */
  group?: string;
  /** Undefined when the dump does not record a ground truth; `null` in a dump counts as not recorded. */
  groundTruth?: unknown;
  finishReason?: FinishReason;
  promptIds?: number[];
  responseIds?: number[];
  /** Aligned to `responseIds`; 1 = trained on. */
  lossMask?: number[];
  messages?: Message[];
  /**
   * The model's own turns, when the dump keeps them apart from the environment's (messages, per-step responses):
   * each is judged alone, so that an environment's turn is never taken for the model's. `response` joins them.
   */
  turns?: string[];
  step?: number;
  error?: string;
  /** The dump was decoded with `skip_special_tokens=True`: chat control tokens are gone, only role words remain. */
  specialTokensStripped: boolean;
}

/** An error trajectory: an infrastructure or environment failure, not a policy outcome. */
export function isErrorTrajectory(t: Trajectory): boolean {
  return Boolean(t.error) || t.finishReason === 'error';
}
