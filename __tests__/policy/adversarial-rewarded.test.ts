import { servedAnswers, type RecordedRequest } from '../../src/policy/recording';
import { adversarialRewarded, finalServedAnswer } from '../../src/rollout/checks/adversarial-rewarded';
import { runCheck, trajectory } from '../rollout/helpers';

/**
 * adversarial-rewarded joins the repository's own dump with the policy's recording: each trajectory is judged by the
 * served answer its final turn ends with.
 */

const ANSWER = 'The answer is <answer>42</answer>.';
const MALFORMED = `<tool_call>\n{"name": "search", "arguments": {"query": "${ANSWER}"}\n</tool_call>`;
const LEAKED = `${ANSWER}<|im_end|>\n<|im_start|>user\nThanks! One more question?<|im_end|>\n<|im_start|>assistant\n${ANSWER}`;

function recorded(...answers: [string, string, string?][]): RecordedRequest[] {
  return answers.map(([kind, text, finish = 'stop'], i) => ({
    request: i + 1,
    endpoint: '/v1/chat/completions',
    sampling: { n: 1, max_tokens: 64, stop: [], stop_token_ids: [] },
    answers: [{ case: kind, text, finish_reason: finish }],
  }));
}

const served = servedAnswers(
  recorded(['correct', ANSWER], ['empty', ''], ['whitespace', ' \n\n '], ['malformed-tool-call-json', MALFORMED], ['leaked-headers', LEAKED], ['long-answer', 'Let me think. Let me', 'length']),
);

test('a paid malformed tool call and a paid empty answer fail, by kind; paid correct answers and leaked turns do not count', () => {
  const outcome = runCheck(
    adversarialRewarded,
    [
      trajectory({ source: 'dump.jsonl:1', response: `${ANSWER}<|im_end|>`, reward: 1 }),
      trajectory({ source: 'dump.jsonl:2', response: `${MALFORMED}<|im_end|>`, reward: 1 }),
      trajectory({ source: 'dump.jsonl:3', response: '<|im_end|>', reward: 0.5 }),
      trajectory({ source: 'dump.jsonl:4', response: `${MALFORMED}<|im_end|>`, reward: 0 }),
      trajectory({ source: 'dump.jsonl:5', response: LEAKED, reward: 1 }),
      trajectory({ source: 'dump.jsonl:6', response: 'Let me think. Let me', reward: 0.2 }),
    ],
    { served },
  );
  expect(outcome).toMatchObject({ status: 'fail', count: 3, total: 4 });
  expect(outcome.message).toBe('3 of 4 adversarial answers (75%) got a positive reward: empty 1 of 1, long-answer (cut at max_tokens) 1 of 1, malformed-tool-call-json 1 of 2');
  expect(outcome.examples.map((e) => [e.source, e.detail])).toEqual([
    ['dump.jsonl:2', 'malformed-tool-call-json, reward 1'],
    ['dump.jsonl:3', 'empty, reward 0.5'],
    ['dump.jsonl:6', 'long-answer (cut at max_tokens), reward 0.2'],
  ]);
});

test('a reward that pays nothing adversarial passes', () => {
  const outcome = runCheck(adversarialRewarded, [trajectory({ response: ANSWER, reward: 1 }), trajectory({ response: MALFORMED, reward: 0 }), trajectory({ response: '', reward: -1 })], { served });
  expect(outcome).toMatchObject({ status: 'pass', count: 0, total: 2, message: 'none of the 2 adversarial answers got a positive reward' });
});

test('a dump whose responses hold none of the served texts cannot be joined: unknown, saying so', () => {
  const outcome = runCheck(adversarialRewarded, [trajectory({ response: 'Something the policy never said.', reward: 1 })], { served });
  expect(outcome.status).toBe('unknown');
  expect(outcome.message).toMatch(/^no scored trajectory ends with an adversarial answer the policy served \(of 1 scored trajectory\)/);
});

describe('finalServedAnswer', () => {
  it('judges a multi-turn trajectory by its final turn: a malformed call that the agent recovered from is not the final answer', () => {
    const t = trajectory({ response: `${MALFORMED}\n<|im_start|>user\n<tool_response>error</tool_response><|im_end|>\n<|im_start|>assistant\n${ANSWER}<|im_end|>` });
    expect(finalServedAnswer(t, served)?.case).toBe('correct');
    expect(finalServedAnswer(trajectory({ turns: [ANSWER, MALFORMED], response: '' }), served)?.case).toBe('malformed-tool-call-json');
  });

  it('takes the longest of the served texts that end where the response ends (a leaked turn ends with the correct answer)', () => {
    expect(finalServedAnswer(trajectory({ response: `  ${LEAKED}  ` }), served)?.case).toBe('leaked-headers');
  });

  it('an empty final turn is the empty case only when the policy served one', () => {
    expect(finalServedAnswer(trajectory({ response: '<|im_end|>' }), served)?.case).toBe('empty');
    expect(finalServedAnswer(trajectory({ response: '' }), servedAnswers(recorded(['correct', ANSWER])))).toBeUndefined();
  });
});
