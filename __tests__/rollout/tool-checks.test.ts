import { malformedToolCallRewarded } from '../../src/rollout/checks/malformed-tool-call-rewarded';
import { toolCallFormat } from '../../src/rollout/checks/tool-call-format';
import { scanToolCalls } from '../../src/rollout/tool-calls';
import { runCheck, trajectory } from './helpers';

const WELL_FORMED = '<tool_call>\n{"name": "search", "arguments": {"query": "capital of France"}}\n</tool_call><|im_end|>';

describe('scanToolCalls', () => {
  it.each([
    ['a Hermes call', WELL_FORMED, { calls: 1, malformed: 0 }],
    ['arguments as a JSON string', '<tool_call>{"name": "search", "arguments": "{\\"query\\": \\"x\\"}"}</tool_call>', { calls: 1, malformed: 0 }],
    ['two calls', `${WELL_FORMED}${WELL_FORMED}`, { calls: 2, malformed: 0 }],
    ['no call', 'The capital of France is Paris.', { calls: 0, malformed: 0 }],
  ])('%s is well formed', (_name, text, expected) => {
    expect(scanToolCalls(text)).toEqual(expected);
  });

  it.each([
    ['a body that is not JSON', '<tool_call>{"name": search}</tool_call>', 'tool call body is not valid JSON'],
    ['JSON that is not an object', '<tool_call>["search"]</tool_call>', 'tool call body is not a JSON object'],
    ['no name', '<tool_call>{"arguments": {}}</tool_call>', "tool call has no 'name'"],
    ['arguments that are not an object', '<tool_call>{"name": "search", "arguments": 3}</tool_call>', "tool call 'arguments' is not a JSON object"],
    ['an unclosed tag', 'Let me search. <tool_call>{"name": "search"', 'unclosed <tool_call>'],
    ['a tag opened twice', '<tool_call><tool_call>{"name": "search"}</tool_call>', 'unclosed <tool_call>'],
    ['a closing tag alone', '{"name": "search"}</tool_call>', '</tool_call> without <tool_call>'],
  ])('%s is malformed', (_name, text, detail) => {
    expect(scanToolCalls(text)).toMatchObject({ malformed: 1, problem: { detail } });
  });
});

describe('tool-call-format', () => {
  it('passes well-formed calls and plain answers', () => {
    const outcome = runCheck(toolCallFormat, [trajectory({ response: WELL_FORMED }), trajectory()]);
    expect(outcome).toMatchObject({ status: 'pass', count: 0, total: 2, metrics: { tool_call_rate: 0.5, malformed_tool_call_rate: 0 } });
  });

  it('warns when malformed calls are above 5% of responses, with the worst example', () => {
    const malformed = trajectory({ source: 'dump.jsonl:2', response: '<tool_call>{"name": "search", "arguments": {"query": "x"}</tool_call>' });
    const outcome = runCheck(toolCallFormat, [trajectory({ response: WELL_FORMED }), malformed, trajectory()]);
    expect(outcome).toMatchObject({ status: 'warn', count: 1, total: 3 });
    expect(outcome.message).toBe('1 of 3 responses (33%) have a malformed tool call (1 of the 2 that call a tool)');
    expect(outcome.examples).toEqual([{ source: 'dump.jsonl:2', detail: 'tool call body is not valid JSON', excerpt: malformed.response }]);
  });
});

describe('malformed-tool-call-rewarded', () => {
  const malformed = '<tool_call>{"name": "search", "arguments": {"query": "x"}</tool_call>';

  it('fails a malformed call that got a positive reward', () => {
    const outcome = runCheck(malformedToolCallRewarded, [
      trajectory({ response: malformed, reward: 0.5 }),
      trajectory({ response: malformed, reward: 0 }),
      trajectory({ response: WELL_FORMED, reward: 1 }),
    ]);
    expect(outcome).toMatchObject({ status: 'fail', count: 1, total: 3 });
    expect(outcome.message).toBe('1 of 3 scored trajectories (33%) got a positive reward for a malformed tool call (1 of the 2 malformed)');
    expect(outcome.examples[0].detail).toBe('tool call body is not valid JSON, reward 0.5');
  });

  it('passes when malformed calls get nothing, and cannot tell without rewards', () => {
    expect(runCheck(malformedToolCallRewarded, [trajectory({ response: malformed, reward: 0 })])).toMatchObject({ status: 'pass' });
    expect(runCheck(malformedToolCallRewarded, [trajectory({ response: malformed, reward: undefined })])).toMatchObject({ status: 'unknown' });
  });
});
