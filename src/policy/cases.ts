/**
 * The scripted policy's answers: each case is what a misbehaving (or a well-behaved) model writes, built for one
 * request. The rollout code never sees a case's kind; the recording does, so each check knows which answers were
 * adversarial.
 */

export const CASE_KINDS = [
  'correct',
  'empty',
  'whitespace',
  'leaked-headers',
  'tool-call',
  'malformed-tool-call-json',
  'malformed-tool-call-tag',
  'malformed-tool-call-name',
  'malformed-tool-call-arguments',
  'runaway-repetition',
  'long-answer',
  'answer-in-think',
] as const;

export type CaseKind = (typeof CASE_KINDS)[number];

/** The kinds that are tool calls: served only to requests that use tool calls. */
export const TOOL_CALL_KINDS: ReadonlySet<CaseKind> = new Set([
  'tool-call',
  'malformed-tool-call-json',
  'malformed-tool-call-tag',
  'malformed-tool-call-name',
  'malformed-tool-call-arguments',
]);

/** `adversarial`: every kind, the correct answer twice as often so that rewards vary within a group. */
export const ADVERSARIAL_MIX: readonly CaseKind[] = ['correct', ...CASE_KINDS];

/** What the request offers to build an answer from. */
export interface CaseContext {
  /** A correct answer in the dataset's format (the configured one, else a generic one). */
  answer: string;
  /** The first tool the request declares, for tool calls; a generic one otherwise. */
  toolName: string;
}

/** A structured tool call, as a tool parser of the engine would return it. */
export interface ToolCall {
  name: string;
  /** JSON text, as OpenAI's wire format carries arguments. */
  arguments: string;
}

export interface CaseAnswer {
  kind: CaseKind;
  /** The text the model writes (for a well-formed tool call, the Hermes text the engine would parse). */
  text: string;
  /** Present for a well-formed call: what the chat endpoint returns in `tool_calls`. */
  toolCall?: ToolCall;
  /** Written until cut by `max_tokens`: the runaway case. */
  unbounded?: boolean;
}

/** A loop with no end of turn in it: only `max_tokens` stops it. */
const REPEATED = 'Let me check that again. ';

export function caseAnswer(kind: CaseKind, { answer, toolName }: CaseContext): CaseAnswer {
  const call = (body: string) => `<tool_call>\n${body}\n</tool_call>`;
  switch (kind) {
    case 'correct':
      return { kind, text: answer };
    case 'empty':
      return { kind, text: '' };
    case 'whitespace':
      return { kind, text: ' \n\n ' };
    case 'leaked-headers':
      return { kind, text: `${answer}<|im_end|>\n<|im_start|>user\nThanks! One more question?<|im_end|>\n<|im_start|>assistant\n${answer}` };
    case 'tool-call': {
      const toolCall = { name: toolName, arguments: JSON.stringify({ query: answer }) };
      return { kind, text: call(JSON.stringify({ name: toolCall.name, arguments: { query: answer } })), toolCall };
    }
    case 'malformed-tool-call-json':
      return { kind, text: call(`{"name": ${JSON.stringify(toolName)}, "arguments": {"query": ${JSON.stringify(answer)}}`) };
    case 'malformed-tool-call-tag':
      return { kind, text: `<tool-call>${JSON.stringify({ name: toolName, arguments: { query: answer } })}</tool-call>` };
    case 'malformed-tool-call-name':
      return { kind, text: call(JSON.stringify({ arguments: { query: answer } })) };
    case 'malformed-tool-call-arguments':
      return { kind, text: call(JSON.stringify({ name: toolName, arguments: answer })) };
    case 'runaway-repetition':
      return { kind, text: REPEATED, unbounded: true };
    case 'long-answer':
      return { kind, text: `${'Let me think about this step by step. '.repeat(200)}${answer}` };
    case 'answer-in-think':
      return { kind, text: `<think>\n${answer}\n</think>\nI am not sure.` };
  }
}

/**
 * The cases in a fixed order for a seed: the mix shuffled once per round (a seeded Fisher-Yates), round after round,
 * so two runs with the same seed and the same requests get the same answers.
 */
export class CaseSequence {
  private round: CaseKind[] = [];
  private next = 0;
  private readonly random: () => number;

  constructor(
    private readonly mix: readonly CaseKind[],
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  /**
   * The next kind. Without tool calls in the request (no `tools`, no `<tool_call>` in its prompt), tool-call kinds are
   * passed over: a tool call is no answer where none can be made, and a reward that pays an answer inside one is then
   * no bug. A mix of nothing but tool calls is served as it is.
   */
  take(toolCalls = true): CaseKind {
    const skipToolCalls = !toolCalls && this.mix.some((kind) => !TOOL_CALL_KINDS.has(kind));
    let kind = this.nextInOrder();
    while (skipToolCalls && TOOL_CALL_KINDS.has(kind)) kind = this.nextInOrder();
    return kind;
  }

  private nextInOrder(): CaseKind {
    if (this.next >= this.round.length) {
      this.round = [...this.mix];
      for (let i = this.round.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [this.round[i], this.round[j]] = [this.round[j], this.round[i]];
      }
      this.next = 0;
    }
    return this.round[this.next++];
  }
}

/** A small seeded generator: the order must not depend on Math.random. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
