import { Template } from '@huggingface/jinja';

/**
 * A chat template rendered the way transformers and transformers.js render it (`@huggingface/jinja`), on a fixed
 * set of conversations, and the shape of an assistant turn read back from the renders.
 */

export interface Message {
  role: string;
  content: string;
  tool_calls?: { type: 'function'; function: { name: string; arguments: Record<string, unknown> } }[];
}

export interface Conversation {
  name: string;
  messages: Message[];
  tools?: object[];
}

export const QUESTION = 'What is 6 times 7?';
/** The assistant's answer in every conversation: found again in a render to split an assistant turn. */
export const ANSWER = 'The answer is 42.';

const CALCULATOR = {
  type: 'function',
  function: {
    name: 'calculator',
    description: 'Evaluate an arithmetic expression.',
    parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
  },
};

export const SINGLE_TURN: Conversation = { name: 'single turn', messages: [{ role: 'user', content: QUESTION }] };

export const SYSTEM_PROMPT: Conversation = {
  name: 'system prompt',
  messages: [{ role: 'system', content: 'You are a careful math tutor.' }, { role: 'user', content: QUESTION }],
};

export const MULTI_TURN: Conversation = {
  name: 'multi-turn',
  messages: [{ role: 'user', content: QUESTION }, { role: 'assistant', content: ANSWER }, { role: 'user', content: 'And 6 times 8?' }],
};

export const TOOL_CALLS: Conversation = {
  name: 'multi-turn with tool calls',
  tools: [CALCULATOR],
  messages: [
    { role: 'user', content: QUESTION },
    { role: 'assistant', content: '', tool_calls: [{ type: 'function', function: { name: 'calculator', arguments: { expression: '6*7' } } }] },
    { role: 'tool', content: '42' },
    { role: 'assistant', content: ANSWER },
    { role: 'user', content: 'And 6 times 8?' },
  ],
};

export const CONVERSATIONS = [SINGLE_TURN, SYSTEM_PROMPT, MULTI_TURN, TOOL_CALLS];

/**
 * The longest render kept. The probe's conversations render to a few kilobytes (a tool-use template with its tool
 * definitions, under 10 KB): a template that writes more is looping, and its text is not tokenized or reported.
 */
export const MAX_RENDER_CHARS = 1024 * 1024;

/** A render over MAX_RENDER_CHARS: the template cannot be probed (not a failed check: the probe stops). */
export class RenderTooLongError extends Error {}

/** The text around an assistant message's content: `<|im_start|>assistant\n` and `<|im_end|>\n` in ChatML. */
export interface AssistantTurn {
  opening: string;
  closing: string;
}

export class ChatTemplate {
  private readonly template: Template;

  /** Throws when the template does not parse. `specialTokens` are the variables templates read (`bos_token`...). */
  constructor(readonly source: string, private readonly specialTokens: Record<string, string | undefined>) {
    this.template = new Template(source);
  }

  /** Throws a RenderTooLongError when the render is over MAX_RENDER_CHARS, any other error when the template raises. */
  render(conversation: Conversation, addGenerationPrompt: boolean): string {
    const text = this.template.render({
      ...this.specialTokens,
      messages: conversation.messages,
      tools: conversation.tools,
      add_generation_prompt: addGenerationPrompt,
    });
    if (text.length > MAX_RENDER_CHARS) {
      throw new RenderTooLongError(`the chat template writes ${text.length.toLocaleString('en-US')} characters for the ${conversation.name} conversation (at most ${MAX_RENDER_CHARS.toLocaleString('en-US')} are kept): not probed`);
    }
    return text;
  }

  /** The text `add_generation_prompt=True` appends; undefined when it also changes what comes before. */
  generationPrompt(conversation: Conversation): string | undefined {
    const withPrompt = this.render(conversation, true);
    const without = this.render(conversation, false);
    return withPrompt.startsWith(without) ? withPrompt.slice(without.length) : undefined;
  }

  /** Read from rendering a question and its answer; undefined when the answer turn does not extend the question. */
  assistantTurn(): AssistantTurn | undefined {
    const question = this.render(SINGLE_TURN, false);
    const answered = this.render({ name: 'answered', messages: [...SINGLE_TURN.messages, { role: 'assistant', content: ANSWER }] }, false);
    const answerAt = answered.lastIndexOf(ANSWER);
    if (!answered.startsWith(question) || answerAt < question.length) return undefined;
    return { opening: answered.slice(question.length, answerAt), closing: answered.slice(answerAt + ANSWER.length) };
  }
}
