import { policyChecks, type RecordedRequest } from '../../src/policy/checks';

/** The checks of what rollout code sent the policy, from recordings written for these tests. */

const CONTEXT = { assistantHeader: '<|im_start|>assistant\n', endOfTurn: { text: '<|im_end|>', id: 151645 }, recording: 'rl-review-policy.jsonl' };

type Changes = Partial<Omit<RecordedRequest, 'sampling'>> & { sampling?: Partial<RecordedRequest['sampling']> };

function request(request: number, changes: Changes = {}): RecordedRequest {
  return {
    request,
    endpoint: '/v1/completions',
    prompts: ['<|im_start|>user\nWhat is 6 times 7?<|im_end|>\n<|im_start|>assistant\n'],
    answers: [{ case: 'correct', text: 'The answer is 42.', finish_reason: 'stop' }],
    ...changes,
    sampling: { n: 1, max_tokens: 512, temperature: 1, top_p: 1, stop: ['<|im_end|>'], stop_token_ids: [], ...changes.sampling },
  };
}

const byId = (requests: RecordedRequest[]) => Object.fromEntries(policyChecks(requests, CONTEXT).map((c) => [c.id, c]));

test('a rollout that templates its prompts, stops on the end of turn and samples one way passes', () => {
  const checks = byId([request(1), request(2, { sampling: { stop: [], stop_token_ids: [151645] } })]);
  expect(Object.values(checks).map((c) => [c.id, c.status])).toEqual([
    ['prompt-generation-header', 'pass'],
    ['stop-sequences', 'pass'],
    ['sampling-params', 'pass'],
  ]);
});

test('prompt-generation-header: a text prompt without the generation prompt', () => {
  const check = byId([request(1), request(2, { prompts: ['<|im_start|>user\nWhat is 6 times 7?<|im_end|>\n'] })])['prompt-generation-header'];
  expect(check).toMatchObject({ status: 'warn', count: 1, total: 2, message: '1 of 2 text prompts (50%) sent to /v1/completions do not end with the generation prompt "<|im_start|>assistant\\n"' });
  expect(check.examples[0].source).toBe('rl-review-policy.jsonl:2');
});

test('prompt-generation-header: chat requests only, the engine templates them: unknown', () => {
  expect(byId([request(1, { endpoint: '/v1/chat/completions', prompts: undefined })])['prompt-generation-header']).toMatchObject({ status: 'unknown', total: 0 });
});

test('stop-sequences: a request with neither the end-of-turn string nor its id', () => {
  const check = byId([request(1), request(2, { sampling: { stop: ['</answer>'] } })])['stop-sequences'];
  expect(check).toMatchObject({ status: 'warn', count: 1, total: 2 });
  expect(check.message).toMatch(/^1 of 2 requests \(50%\) set no stop on "<\|im_end\|>" \(id 151645\), neither in stop nor in stop_token_ids/);
});

test('sampling-params: a temperature that changes within the run, and a correct answer cut at max_tokens', () => {
  const check = byId([
    request(1),
    request(2, { sampling: { temperature: 0.6 } }),
    request(3, { answers: [{ case: 'correct', text: 'The answer', finish_reason: 'length' }] }),
    // An adversarial case cut at max_tokens is the runaway repetition doing what it should.
    request(4, { answers: [{ case: 'runaway-repetition', text: '...', finish_reason: 'length' }] }),
  ])['sampling-params'];
  expect(check).toMatchObject({ status: 'warn', count: 2, total: 4 });
  expect(check.message).toBe("2 of 4 requests (50%) sample inconsistently: another temperature or top_p than the first request's (1, 1) in 1 request; a correct answer cut at max_tokens in 1 request");
});
