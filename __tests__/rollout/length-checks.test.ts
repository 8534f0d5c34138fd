import { repeatedShare, repetition, WINDOW_CHARS } from '../../src/rollout/checks/repetition';
import { responseLength } from '../../src/rollout/checks/response-length';
import { truncation } from '../../src/rollout/checks/truncation';
import { runCheck, trajectory } from './helpers';

const PROSE =
  'To find the product, multiply six by seven. Six times seven is forty-two, because six groups of seven make ' +
  'seven, fourteen, twenty-one, twenty-eight, thirty-five and then forty-two. So the answer is 42.';

describe('truncation', () => {
  it('warns when more than 10% of responses hit the length limit', () => {
    const outcome = runCheck(truncation, [trajectory({ finishReason: 'length', response: 'Six times seven is' }), trajectory({ finishReason: 'stop' })]);
    expect(outcome).toMatchObject({ status: 'warn', count: 1, total: 2, metrics: { truncation_rate: 0.5 } });
  });

  it('says unknown for a text-only dump rather than guess from lengths', () => {
    expect(runCheck(truncation, [trajectory(), trajectory()])).toMatchObject({ status: 'unknown', message: 'the dump records no finish reason (finish_reason / stop_reason): cannot tell' });
  });
});

describe('response-length', () => {
  it('measures tokens when every response has ids, and counts empty responses', () => {
    const outcome = runCheck(responseLength, [
      trajectory({ responseIds: [1, 2, 3], response: 'abc' }),
      trajectory({ responseIds: [1], response: '<|im_end|>' }),
      trajectory({ responseIds: [1, 2, 3, 4, 5], response: 'abcde' }),
    ]);
    expect(outcome).toMatchObject({ status: 'warn', count: 1, total: 3 });
    expect(outcome.metrics).toMatchObject({ response_tokens_min: 1, response_tokens_p50: 3, response_tokens_max: 5, empty_response_rate: 0.333333 });
    expect(outcome.distribution).toMatchObject({ axis: 'response length (tokens)', histogram: { labels: ['1', '3', '5'] } });
  });

  it('measures characters otherwise', () => {
    const outcome = runCheck(responseLength, [trajectory({ response: 'ab' }), trajectory({ response: 'abcd' })]);
    expect(outcome).toMatchObject({ status: 'pass', metrics: { response_chars_mean: 3 } });
  });
});

describe('repeatedShare', () => {
  it('is about 0 for prose and near 1 for a loop', () => {
    expect(repeatedShare(PROSE)).toBeLessThan(0.1);
    expect(repeatedShare(`The answer is <answer>42</answer>${'</answer>'.repeat(200)}`)).toBeGreaterThan(0.9);
    expect(repeatedShare(`${PROSE} ${PROSE} ${PROSE} ${PROSE}`)).toBeGreaterThan(0.6);
  });

  it('measures the end of a long response: the loop that ran to the length limit', () => {
    const steps = Array.from({ length: 1500 }, (_, i) => `step ${i} checks case ${i * 7}.`).join(' ');
    expect(steps.length).toBeGreaterThan(3 * WINDOW_CHARS);
    expect(repeatedShare(steps)).toBeLessThan(0.1);
    // Over the whole text a third repeats; its last WINDOW_CHARS are all loop.
    expect(repeatedShare(`${steps}${'I think I think '.repeat(400)}`)).toBeGreaterThan(0.9);
  });

  it('is 0 for text too short to have n-grams', () => {
    expect(repeatedShare('42')).toBe(0);
  });
});

describe('repetition', () => {
  it('warns when more than 5% of responses repeat more than half of their n-grams', () => {
    const loop = trajectory({ source: 'dump.jsonl:3', response: `So the answer is${' the answer is'.repeat(100)}` });
    const outcome = runCheck(repetition, [trajectory({ response: PROSE }), loop]);
    expect(outcome).toMatchObject({ status: 'warn', count: 1, total: 2 });
    expect(outcome.examples[0]).toMatchObject({ source: 'dump.jsonl:3', detail: expect.stringMatching(/^\d+% of its 20-character n-grams are repeats$/) });
  });

  it('uses the configured rate', () => {
    const twice = trajectory({ response: `${PROSE} ${PROSE}` });
    expect(runCheck(repetition, [twice], { repeatRate: 0.9 })).toMatchObject({ status: 'pass' });
    expect(runCheck(repetition, [twice], { repeatRate: 0.3 })).toMatchObject({ status: 'warn' });
  });
});
