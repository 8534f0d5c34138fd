import { generationPrompt } from '../../src/rollout/checks/generation-prompt';
import { specialTokenLeak } from '../../src/rollout/checks/special-token-leak';
import { CHATML_PROMPT, runCheck, trajectory } from './helpers';

const STRIPPED_PROMPT = 'system\nYou are a helpful assistant.\nuser\nWhat is 6*7?\nassistant\n';

describe('generation-prompt', () => {
  const ok = [
    trajectory(),
    trajectory({ prompt: `${CHATML_PROMPT}<think>\n\n</think>\n\n`, source: 'Qwen3 with enable_thinking=False' }),
    trajectory({ prompt: `${CHATML_PROMPT.replace('6*7?', 'Use <think> tags. 6*7?')}<think>\n`, source: 'a think block opened for the model' }),
    trajectory({ prompt: '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n' }),
    trajectory({ prompt: '<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n' }),
    trajectory({ prompt: STRIPPED_PROMPT, response: '42', specialTokensStripped: true }),
  ];

  it('passes prompts that end with their template’s assistant header', () => {
    expect(runCheck(generationPrompt, ok)).toMatchObject({ status: 'pass', count: 0, total: 6 });
  });

  it('takes only a bare think block after the header for a prefill', () => {
    const thought = trajectory({ prompt: `${CHATML_PROMPT}<think>\nThe user wants 42.\n</think>\n\n`, source: 'dump.jsonl:3' });
    expect(runCheck(generationPrompt, [thought])).toMatchObject({ status: 'fail', count: 1 });
  });

  it('fails a prompt built without add_generation_prompt=True', () => {
    const missing = trajectory({ prompt: '<|im_start|>user\nWhat is 6*7?<|im_end|>\n', source: 'dump.jsonl:9' });
    const outcome = runCheck(generationPrompt, [...ok, missing]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, total: 7 });
    expect(outcome.examples).toEqual([
      {
        source: 'dump.jsonl:9',
        detail: 'the prompt ends with "\\nWhat is 6*7?<|im_end|>\\n", not the assistant header: the model has to write it',
        excerpt: '<|im_start|>user\nWhat is 6*7?<|im_end|>\n',
      },
    ]);
  });

  it('fails a prompt whose assistant header appears twice at the end', () => {
    const doubled = trajectory({ prompt: `${CHATML_PROMPT}<|im_start|>assistant\n` });
    expect(runCheck(generationPrompt, [doubled]).message).toBe('1 of 1 trajectory (100%) fail: 1 prompt with the header twice');
  });

  it('fails a response that writes the role header itself', () => {
    const writesHeader = trajectory({ response: '<|im_start|>assistant\n42<|im_end|>' });
    expect(runCheck(generationPrompt, [writesHeader]).examples[0].detail).toBe('the response starts with a role header: the model is writing the template');
  });

  it('judges a dump decoded with skip_special_tokens by its residue, and says so', () => {
    const stripped = { specialTokensStripped: true };
    const outcome = runCheck(generationPrompt, [
      trajectory({ ...stripped, prompt: STRIPPED_PROMPT, response: '42' }),
      trajectory({ ...stripped, prompt: 'system\nYou are a helpful assistant.\nuser\nWhat is 6*7?\n', response: 'assistant\n42' }),
      trajectory({ ...stripped, prompt: `${STRIPPED_PROMPT}assistant\n`, response: '42' }),
      trajectory({ ...stripped, prompt: STRIPPED_PROMPT, response: 'assistant\n42' }),
    ]);
    expect(outcome).toMatchObject({ status: 'fail', count: 3, total: 4 });
    expect(outcome.message).toContain('judged from role words: the dump was decoded with skip_special_tokens');
  });

  it('uses the header learned from a tokenizer config', () => {
    const custom = trajectory({ prompt: '[USER] Hi [BOT] ', response: 'hello' });
    expect(runCheck(generationPrompt, [custom], { assistantHeader: '[BOT] ' })).toMatchObject({ status: 'pass', total: 1 });
    expect(runCheck(generationPrompt, [trajectory({ prompt: '[USER] Hi ' })], { assistantHeader: '[BOT] ' })).toMatchObject({ status: 'fail' });
  });

  it('cannot tell from plain-text prompts or messages only', () => {
    const outcome = runCheck(generationPrompt, [trajectory({ prompt: 'Question: what is 6*7?\nAnswer:' }), trajectory({ prompt: undefined, messages: [] })]);
    expect(outcome).toMatchObject({ status: 'unknown', total: 0 });
  });
});

describe('special-token-leak', () => {
  const toolCall = '<tool_call>{"name": "calculator", "arguments": {"expression": "6*7"}}</tool_call>';

  it('accepts the end-of-turn tokens a finished response ends with', () => {
    const outcome = runCheck(specialTokenLeak, [
      trajectory({ response: '42<|im_end|>' }),
      trajectory({ response: '42<|im_end|><|endoftext|><|endoftext|>' }),
      trajectory({ response: '42<|eot_id|>' }),
      trajectory({ response: '42' }),
    ]);
    expect(outcome).toMatchObject({ status: 'pass', count: 0, total: 4 });
  });

  it('accepts the tool turn and the next assistant header after a tool call (multi-turn)', () => {
    const multiTurn = `${toolCall}<|im_end|>\n<|im_start|>user\n<tool_response>\n42\n</tool_response><|im_end|>\n<|im_start|>assistant\nThe answer is 42.<|im_end|>`;
    expect(runCheck(specialTokenLeak, [trajectory({ response: multiTurn })])).toMatchObject({ status: 'pass', count: 0 });
  });

  it('fails a response that runs on into an invented turn, and counts those that repeat it', () => {
    const runaway = trajectory({ source: 'dump.jsonl:4', response: '42<|im_end|>\n<|im_start|>user\nThanks!<|im_end|>\n<|im_start|>assistant\nYou are welcome' });
    const once = trajectory({ response: 'The answer<|im_start|> is 42' });
    const outcome = runCheck(specialTokenLeak, [trajectory(), runaway, once]);
    expect(outcome).toMatchObject({ status: 'fail', count: 2, total: 3 });
    expect(outcome.metrics).toEqual({ special_token_leak_rate: 0.666667, special_token_repeat_rate: 0.333333 });
    expect(outcome.examples[0]).toMatchObject({ source: 'dump.jsonl:4', detail: '3 chat control tokens (or role lines) written by the model' });
  });

  it('fails a second Human: turn', () => {
    expect(runCheck(specialTokenLeak, [trajectory({ response: 'The answer is 42.\n\nHuman: and 6*8?' })])).toMatchObject({ status: 'fail', count: 1 });
  });

  it('sees the residue in a stripped dump: role lines that no tool call explains', () => {
    const stripped = { specialTokensStripped: true };
    const outcome = runCheck(specialTokenLeak, [
      trajectory({ ...stripped, response: `${toolCall}\nuser\n<tool_response>\n42\n</tool_response>\nassistant\nThe answer is 42.` }),
      trajectory({ ...stripped, response: 'The answer is 42.\nuser\nThanks\nassistant\nWelcome' }),
    ]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, total: 2 });
    expect(outcome.message).toContain('only role-word residue is visible: a dump with special tokens or token ids gives the full check');
  });
});
