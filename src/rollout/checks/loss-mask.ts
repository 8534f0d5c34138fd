import { examplesOf, keepWorst, mergeWorst, type WorstExamples } from '../stats';
import { isErrorTrajectory, type Trajectory } from '../trajectory';
import { fraction, plural, share, type RolloutCheck, type TurnTokenIds } from './check';

/** Qwen2/2.5/3 ChatML ids: `<|im_start|>`, `<|im_end|>`, `\n`, `assistant`. */
export const QWEN_TURN_TOKEN_IDS: TurnTokenIds = { start: 151644, end: 151645 };
const QWEN_NEWLINE = 198;
const QWEN_ASSISTANT = 77091;

export type MaskProblemKind =
  | 'values'
  | 'length'
  | 'prompt-trained'
  | 'error-trained'
  | 'all-zero'
  | 'no-newline'
  | 'newline-trained'
  | 'header-trained'
  | 'tool-response-trained';

export interface MaskProblem {
  kind: MaskProblemKind;
  detail: string;
  /** The response token where it shows, when there is one. */
  index?: number;
}

/** ChatML structure ids for one trajectory: `\n` and `assistant` learned from its own prompt ids when present. */
interface TurnIds extends TurnTokenIds {
  newline: number;
  assistant: number;
}

function turnIdsFor(t: Trajectory, base: TurnTokenIds): TurnIds | undefined {
  const prompt = t.promptIds;
  if (prompt?.length) {
    // A templated prompt: `...<|im_end|>\n<|im_start|>assistant\n`.
    const firstEnd = prompt.indexOf(base.end);
    const lastStart = prompt.lastIndexOf(base.start);
    if (firstEnd === -1 || lastStart === -1 || firstEnd + 1 >= prompt.length || lastStart + 1 >= prompt.length) return undefined;
    return { ...base, newline: prompt[firstEnd + 1], assistant: prompt[lastStart + 1] };
  }
  if (base.start === QWEN_TURN_TOKEN_IDS.start && base.end === QWEN_TURN_TOKEN_IDS.end) {
    return { ...base, newline: QWEN_NEWLINE, assistant: QWEN_ASSISTANT };
  }
  return undefined;
}

/**
 * What is wrong with a trajectory's loss mask; `undefined` when nothing, `null` when there is no mask (or no
 * response ids to align it to). The multi-turn checks walk the ChatML turns of the response ids: after the model's
 * `<|im_end|>` comes `\n` (masked out), then the tool's turn (masked out), then `<|im_start|>assistant\n`
 * (masked out: the template wrote it, not the model).
 */
export function lossMaskProblem(t: Trajectory, base: TurnTokenIds): MaskProblem | undefined | null {
  const ids = t.responseIds;
  let mask = t.lossMask;
  if (!mask || !ids) return null;
  const bad = mask.findIndex((v) => v !== 0 && v !== 1);
  if (bad !== -1) return { kind: 'values', detail: `loss_mask[${bad}] is ${mask[bad]}: mask values are 0 or 1`, index: bad };
  const promptLength = t.promptIds?.length ?? 0;
  if (promptLength && mask.length === promptLength + ids.length) {
    const trainedPrompt = mask.slice(0, promptLength).indexOf(1);
    if (trainedPrompt !== -1) return { kind: 'prompt-trained', detail: `the mask covers prompt token ${trainedPrompt}: the model is trained on its prompt` };
    mask = mask.slice(promptLength);
  } else if (mask.length !== ids.length) {
    const by = mask.length - ids.length;
    const how = Math.abs(by) === 1 ? 'off by one' : `${Math.abs(by)} ${by > 0 ? 'too many' : 'too few'}`;
    return { kind: 'length', detail: `loss_mask has ${mask.length} entries for ${ids.length} response tokens (${how})` };
  }
  const trained = mask.indexOf(1);
  if ((isErrorTrajectory(t) || t.finishReason === 'abort') && trained !== -1) {
    return { kind: 'error-trained', detail: 'a failed trajectory (error/abort) is trained: mask it out or drop it', index: trained };
  }
  if (trained === -1) {
    const deliberatelyMasked = t.finishReason === 'length' || t.finishReason === 'abort' || isErrorTrajectory(t);
    return ids.length && !deliberatelyMasked ? { kind: 'all-zero', detail: 'the mask is all zeros on a finished response: it teaches nothing' } : undefined;
  }
  const turnIds = turnIdsFor(t, base);
  return turnIds && ids.includes(turnIds.end) ? turnBoundaryProblem(ids, mask, turnIds) : undefined;
}

const NO_NEWLINE = 'a turn boundary is `<|im_end|><|im_start|>`: the `\\n` after `<|im_end|>` is missing';

function turnBoundaryProblem(ids: readonly number[], mask: readonly number[], turn: TurnIds): MaskProblem | undefined {
  const trainedIn = (from: number, to: number) => {
    for (let k = from; k < Math.min(to, ids.length); k++) if (mask[k] === 1) return k;
    return -1;
  };
  let i = 0;
  while (i < ids.length) {
    // The model's turn, up to and including its end-of-turn token.
    while (i < ids.length && ids[i] !== turn.end) i++;
    i++;
    if (i >= ids.length) return undefined;
    // Trained to the end: the model wrote on past its end of turn (special-token-leak's finding), no boundary here.
    if (!mask.includes(0, i)) return undefined;
    if (ids[i] === turn.start) return { kind: 'no-newline', detail: NO_NEWLINE, index: i };
    if (ids[i] !== turn.newline) return undefined; // trailing end-of-text or padding
    if (mask[i] === 1) return { kind: 'newline-trained', detail: 'the `\\n` after `<|im_end|>` is trained: the template writes it, not the model', index: i };
    i++;
    // Environment turns, then the next assistant header.
    while (i < ids.length && ids[i] === turn.start) {
      const headerEnd = ids.indexOf(turn.newline, i);
      const afterHeader = headerEnd === -1 ? ids.length : headerEnd + 1;
      const header = trainedIn(i, afterHeader);
      if (header !== -1) return { kind: 'header-trained', detail: 'a turn header (`<|im_start|>role\\n`) is trained: the template writes it', index: header };
      if (ids[i + 1] === turn.assistant) {
        i = afterHeader;
        break;
      }
      const turnEnd = ids.indexOf(turn.end, afterHeader);
      if (turnEnd !== -1 && ids[turnEnd + 1] === turn.start) {
        return { kind: 'no-newline', detail: NO_NEWLINE, index: turnEnd + 1 };
      }
      const afterTurn = turnEnd === -1 ? ids.length : turnEnd + 2;
      const toolToken = trainedIn(afterHeader, afterTurn);
      if (toolToken !== -1) return { kind: 'tool-response-trained', detail: 'tool-response tokens are trained: the environment wrote them', index: toolToken };
      i = afterTurn;
    }
  }
  return undefined;
}

/** The ids and mask around a token, for an example. */
function around(t: Trajectory, index: number | undefined): string {
  if (index === undefined || !t.responseIds || !t.lossMask) return `response_ids: ${t.responseIds?.length ?? 0} tokens, loss_mask: ${t.lossMask?.length ?? 0}`;
  const offset = t.lossMask.length === t.responseIds.length ? 0 : (t.promptIds?.length ?? 0);
  const from = Math.max(0, index - 4);
  const to = Math.min(t.responseIds.length, index + 5);
  return `response_ids[${from}:${to}] = [${t.responseIds.slice(from, to).join(', ')}]\nloss_mask[${from}:${to}]    = [${t.lossMask.slice(from + offset, to + offset).join(', ')}]`;
}

/** `total` counts the trajectories with a loss mask and response ids. */
interface LossMaskTally {
  total: number;
  failing: number;
  /** Failing masks by kind of problem, in the order first seen. */
  byKind: Map<MaskProblemKind, number>;
  examples: WorstExamples;
}

export const lossMask: RolloutCheck<LossMaskTally> = {
  meta: { id: 'loss-mask', severity: 'error', threshold: 0 },
  empty: () => ({ total: 0, failing: 0, byKind: new Map(), examples: [] }),
  add(tally, t, context) {
    const problem = lossMaskProblem(t, context.turnTokenIds);
    if (problem === null) return;
    tally.total++;
    if (!problem) return;
    tally.failing++;
    tally.byKind.set(problem.kind, (tally.byKind.get(problem.kind) ?? 0) + 1);
    keepWorst(tally.examples, 1, () => ({ source: t.source, detail: problem.detail, excerpt: around(t, problem.index) }));
  },
  merge(tally, later) {
    tally.total += later.total;
    tally.failing += later.failing;
    for (const [kind, n] of later.byKind) tally.byKind.set(kind, (tally.byKind.get(kind) ?? 0) + n);
    mergeWorst(tally.examples, later.examples);
  },
  finish({ total, failing, byKind, examples }) {
    const kinds = [...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ');
    const message = !total
      ? 'the dump has no loss_mask with response_ids: cannot tell'
      : failing
        ? `${fraction(failing, total, 'loss mask')} train the wrong tokens (${kinds})`
        : `${plural(total, 'loss mask')} checked, none trains the wrong tokens`;
    return { count: failing, total, message, examples: examplesOf(examples), metrics: { loss_mask_failure_rate: share(failing, total) } };
  },
};
