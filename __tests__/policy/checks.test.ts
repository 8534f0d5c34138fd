import { policyChecks, type PolicyCheckContext } from '../../src/policy/checks';
import type { RecordedRequest } from '../../src/policy/recording';
import { TracebackWatcher } from '../../src/policy/tracebacks';

/** The checks of what rollout code sent the policy, from recordings written for these tests. */

const CONTEXT: PolicyCheckContext = { assistantHeader: '<|im_start|>assistant\n', endOfTurn: { text: '<|im_end|>', id: 151645 }, recording: 'rl-review-policy.jsonl', tracebacks: [] };

type Changes = Partial<Omit<RecordedRequest, 'sampling'>> & { sampling?: Partial<RecordedRequest['sampling']> };

function request(request: number, changes: Changes = {}): RecordedRequest {
  return {
    request,
    time: Date.UTC(2026, 11, 4, 12, 0, request),
    endpoint: '/v1/completions',
    prompts: ['<|im_start|>user\nWhat is 6 times 7?<|im_end|>\n<|im_start|>assistant\n'],
    answers: [{ case: 'correct', text: 'The answer is 42.', finish_reason: 'stop' }],
    ...changes,
    sampling: { n: 1, max_tokens: 512, temperature: 1, top_p: 1, stop: ['<|im_end|>'], stop_token_ids: [], ...changes.sampling },
  };
}

const byId = (requests: RecordedRequest[], context: Partial<PolicyCheckContext> = {}) =>
  Object.fromEntries(policyChecks(requests, { ...CONTEXT, ...context }).map(({ check }) => [check.id, check]));

test('a rollout that templates its prompts, stops on the end of turn and samples one way passes', () => {
  const checks = byId([request(1), request(2, { sampling: { stop: [], stop_token_ids: [151645] } })]);
  expect(Object.values(checks).map((c) => [c.id, c.status])).toEqual([
    ['prompt-generation-header', 'pass'],
    ['stop-sequences', 'pass'],
    ['sampling-params', 'pass'],
    ['environment-crash', 'pass'],
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

/** A traceback logged at second `second` of the run (the requests above are answered at second 1, 2, ...). */
function tracebackAt(second: number, exception: string) {
  const watcher = new TracebackWatcher(() => Date.UTC(2026, 11, 4, 12, 0, second, 300));
  watcher.feed(`Traceback (most recent call last):\n  File "agent.py", line 9, in run_tool\n    args["query"]\n${exception}\n`);
  return watcher.tracebacks;
}

test('environment-crash: a traceback right after a malformed tool call is put on that answer', () => {
  const malformed = { case: 'malformed-tool-call-arguments', text: '<tool_call>\n{"name": "search", "arguments": "42"}\n</tool_call>', finish_reason: 'stop' };
  const check = byId([request(1), request(2, { answers: [malformed] }), request(3)], { tracebacks: tracebackAt(2, "TypeError: string indices must be integers, not 'str'") })['environment-crash'];
  expect(check).toMatchObject({ status: 'warn', count: 1, total: 3 });
  expect(check.message).toBe('the command logged 1 traceback right after 1 of 3 answered requests (33%); the answers before them: malformed-tool-call-arguments 1');
  expect(check.examples[0]).toMatchObject({ source: 'rl-review-policy.jsonl:2', detail: "TypeError: string indices must be integers, not 'str', 0.3 s after malformed-tool-call-arguments" });
});

test('environment-crash: no traceback, or one before the first answer (start-up), passes', () => {
  expect(byId([request(1), request(2)])['environment-crash']).toMatchObject({ status: 'pass', message: 'no traceback after any of the 2 answered requests' });
  expect(byId([request(1)], { tracebacks: tracebackAt(0, 'ImportError: no module named vllm') })['environment-crash']).toMatchObject({ status: 'pass', count: 0 });
});

test('a check the config turns off is left out; one set to error fails', () => {
  const settings = (id: string) => (id === 'stop-sequences' ? { severity: 'off' as const } : id === 'prompt-generation-header' ? { severity: 'error' as const } : undefined);
  const results = policyChecks([request(1, { prompts: ['<|im_start|>user\nHi<|im_end|>\n'] })], { ...CONTEXT, settings });
  expect(results.map(({ check, severity }) => [check.id, check.status, severity])).toEqual([
    ['prompt-generation-header', 'fail', 'error'],
    ['sampling-params', 'pass', 'warning'],
    ['environment-crash', 'pass', 'warning'],
  ]);
});

describe('TracebackWatcher', () => {
  test('a traceback split across chunks is one, ending at its exception line; a chained one is one, of the last exception', () => {
    const watcher = new TracebackWatcher(() => 7);
    watcher.feed('step 1 ok\nTraceback (most recent');
    watcher.feed(' call last):\n  File "env.py", line 3, in step\n    json.loads(body)\njson.decoder.JSONDecodeError: Expecting value\n\n');
    watcher.feed('During handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "env.py", line 5\nValueError: bad tool call\n');
    watcher.feed('step 2 ok\nTraceback (most recent call last):\n  File "x.py", line 1\nKeyError: \'name\'\n');
    expect(watcher.tracebacks).toEqual([
      { time: 7, exception: 'ValueError: bad tool call' },
      { time: 7, exception: "KeyError: 'name'" },
    ]);
  });
});

test('TracebackWatcher: tracebacks one after the other are two', () => {
  const watcher = new TracebackWatcher(() => 1);
  watcher.feed('Traceback (most recent call last):\n  File "a.py"\nKeyError: 1\nTraceback (most recent call last):\n  File "a.py"\nKeyError: 2\n');
  expect(watcher.tracebacks.map((t) => t.exception)).toEqual(['KeyError: 1', 'KeyError: 2']);
});
