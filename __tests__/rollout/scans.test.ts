import { CONTROL_TOKEN_PATTERN, CONTROL_TOKENS, END_TOKENS, hasControlToken, withoutTrailingEndTokens } from '../../src/rollout/chat-template';
import { readFileSync } from 'node:fs';
import initWabt from 'wabt';
import { NGRAM_CHARS, repeatedShare, WINDOW_CHARS } from '../../src/rollout/checks/repetition';
import { REPETITION_KERNEL } from '../../src/rollout/checks/repetition-kernel';
import { scanToolCalls } from '../../src/rollout/tool-calls';

describe('hasControlToken', () => {
  it('finds what a search with CONTROL_TOKEN_PATTERN finds', () => {
    const texts = [
      'The answer is <answer>42</answer>',
      'a < b and <tool_call>{"name": "f"}</tool_call>',
      '',
      '<',
      ...CONTROL_TOKENS.map((token) => `before ${token} after`),
      ...CONTROL_TOKENS.map((token) => token.slice(0, -1)),
    ];
    for (const text of texts) expect([text, hasControlToken(text)]).toEqual([text, text.search(CONTROL_TOKEN_PATTERN) !== -1]);
  });

  it('relies on every control token starting with <', () => {
    expect(CONTROL_TOKENS.filter((token) => !token.startsWith('<'))).toEqual([]);
  });
});

describe('withoutTrailingEndTokens', () => {
  it('strips the end tokens and padding a finished response ends with, and nothing else', () => {
    expect(withoutTrailingEndTokens('42<|im_end|>')).toBe('42');
    expect(withoutTrailingEndTokens('42 <|im_end|>\n<|endoftext|><|endoftext|>  ')).toBe('42');
    expect(withoutTrailingEndTokens('<|im_end|>')).toBe('');
    expect(withoutTrailingEndTokens('a <|im_end|> b')).toBe('a <|im_end|> b');
    expect(withoutTrailingEndTokens('<answer>42</answer>')).toBe('<answer>42</answer>');
  });

  it('relies on every end token ending with >', () => {
    expect(END_TOKENS.filter((token) => !token.endsWith('>'))).toEqual([]);
  });
});

const CALL = '<tool_call>{"name": "search", "arguments": {}}</tool_call>';

describe('scanToolCalls', () => {
  it('scans each text anew when texts alternate', () => {
    const good = '<tool_call>{"name": "search", "arguments": {}}</tool_call>';
    const bad = '<tool_call>{"name": search}</tool_call>';
    expect(scanToolCalls(good)).toEqual({ calls: 1, malformed: 0 });
    expect(scanToolCalls(bad)).toMatchObject({ calls: 1, malformed: 1 });
    expect(scanToolCalls(good)).toEqual({ calls: 1, malformed: 0 });
  });

  it.each([
    ['a stray closing tag between calls', `${CALL}</tool_call>${CALL}`, { calls: 3, malformed: 1, problem: { detail: '</tool_call> without <tool_call>', offset: CALL.length } }],
    ['an unclosed call before a good one', `<tool_call>{"name": "a"${CALL}`, { calls: 2, malformed: 1, problem: { detail: 'unclosed <tool_call>', offset: 0 } }],
    ['a closing tag repeated to the length limit', '</tool_call>'.repeat(5000), { calls: 5000, malformed: 5000, problem: { detail: '</tool_call> without <tool_call>', offset: 0 } }],
    ['an opening tag repeated', '<tool_call>'.repeat(3), { calls: 3, malformed: 3, problem: { detail: 'unclosed <tool_call>', offset: 0 } }],
  ])('counts %s', (_, text, scan) => {
    expect(scanToolCalls(text)).toEqual(scan);
  });
});

/** The definition of repeatedShare, computed plainly: every 20-gram hashed from scratch, the sampled ones kept in a set. */
function plainRepeatedShare(response: string): number {
  const text = response.slice(-WINDOW_CHARS);
  if (text.length < 2 * NGRAM_CHARS) return 0;
  const seen = new Set<number>();
  let sampled = 0;
  let repeated = 0;
  for (let end = NGRAM_CHARS; end <= text.length; end++) {
    let hash = 0;
    for (let k = end - NGRAM_CHARS; k < end; k++) hash = (Math.imul(hash, 31) + text.charCodeAt(k)) | 0;
    // An eighth of the n-grams, by their mixed hash.
    if (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) & 7) continue;
    sampled++;
    // The table marks an empty slot with 0, so it stores hash 0 as 1.
    const stored = hash === 0 ? 1 : hash;
    if (seen.has(stored)) repeated++;
    else seen.add(stored);
  }
  return sampled ? repeated / sampled : 0;
}

describe('repeatedShare', () => {
  it('runs repetition.wat as it is now (npm run build compiles it into repetition-kernel.ts)', async () => {
    const wabt = await initWabt();
    const source = readFileSync('src/rollout/checks/repetition.wat', 'utf8');
    const compiled = Buffer.from(wabt.parseWat('repetition.wat', source).toBinary({}).buffer);
    expect(compiled.equals(REPETITION_KERNEL)).toBe(true);
  });

  it('is exactly the plain definition, whatever the text', () => {
    let seed = 3;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const text = (length: number, alphabet: number, from: number) =>
      Array.from({ length }, () => String.fromCharCode(from + Math.floor(random() * alphabet))).join('');
    const texts = [
      `So the answer is${' the answer is'.repeat(100)}`,
      'x'.repeat(5000),
      `${'😀'.repeat(1000)}<|im_end|>`,
      `\ud800${text(300, 26, 97)}\udfff`,
      '\0'.repeat(60),
      ...Array.from({ length: 60 }, (_, i) => text(Math.floor(random() * 6000), [3, 26, 0x10000][i % 3], 0)),
      ...Array.from({ length: 60 }, () => text(Math.floor(random() * 1500), 26, 97).repeat(3)),
    ];
    for (const t of texts) expect(repeatedShare(t)).toBe(plainRepeatedShare(t));
  });
});
