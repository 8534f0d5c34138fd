import { Template } from '@huggingface/jinja';

/**
 * A chat template rendered the way transformers' `apply_chat_template` renders it (its argument conventions, through
 * `@huggingface/jinja`, the engine transformers.js uses), on a fixed set of conversations, and the shape of an
 * assistant turn read back from the renders.
 */

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: Record<string, unknown> | string };
}

export interface Message {
  role: string;
  /** Absent or null on an assistant message that only calls a tool, as some callers write it. */
  content?: string | null;
  tool_calls?: ToolCall[];
  name?: string;
  tool_call_id?: string;
}

export interface Conversation {
  name: string;
  messages: Message[];
  tools?: object[];
}

export const QUESTION = 'What is 6 times 7?';
/** The assistant's answer in every conversation: found again in a render to split an assistant turn. */
export const ANSWER = 'The answer is 42.';

/** The probe's one tool, as a JSON schema: transformers passes `tools` to the template as such schemas. */
export const CALCULATOR = {
  type: 'function',
  function: {
    name: 'calculator',
    description: 'Evaluate an arithmetic expression.',
    // With a description for each parameter, as transformers' get_json_schema writes them (Hermes' template needs one).
    parameters: { type: 'object', properties: { expression: { type: 'string', description: 'The expression, like 6*7.' } }, required: ['expression'] },
  },
};

/** What the tool call's rendering must show: the tool's name and its argument's value. */
export const TOOL_CALL_MARKS = ['calculator', '6*7'];

export const SINGLE_TURN: Conversation = { name: 'single turn', messages: [{ role: 'user', content: QUESTION }] };

export const SYSTEM_PROMPT: Conversation = {
  name: 'system prompt',
  messages: [{ role: 'system', content: 'You are a careful math tutor.' }, { role: 'user', content: QUESTION }],
};

export const MULTI_TURN: Conversation = {
  name: 'multi-turn',
  messages: [{ role: 'user', content: QUESTION }, { role: 'assistant', content: ANSWER }, { role: 'user', content: 'And 6 times 8?' }],
};

/**
 * How an assistant message that calls a tool is written. Callers disagree and templates depend on it: transformers'
 * docs leave `content` out and pass `arguments` as a mapping; OpenAI's format (and rollouts built from it) sets
 * `content` to None or '' and `arguments` to a JSON string. Qwen's templates need `content`; DeepSeek's render the
 * calls only when it is None; functionary v3.2 concatenates `arguments` as a string. The first shape whose render
 * shows the call is the template's.
 */
export interface ToolCallShape {
  label: string;
  content: '' | null | undefined;
  arguments: 'mapping' | 'json';
}

export const TOOL_CALL_SHAPES: readonly ToolCallShape[] = [
  { label: "content '' and arguments as a mapping", content: '', arguments: 'mapping' },
  { label: 'content None and arguments as a mapping', content: null, arguments: 'mapping' },
  { label: "no content and arguments as a mapping (transformers' docs)", content: undefined, arguments: 'mapping' },
  { label: "content '' and arguments as a JSON string (OpenAI's format)", content: '', arguments: 'json' },
  { label: 'content None and arguments as a JSON string', content: null, arguments: 'json' },
];

/** A user question, a tool call and its result, the answer, and a second question, with the call in `shape`. */
export function toolCallConversation(shape: ToolCallShape): Conversation {
  const args = { expression: '6*7' };
  const call: ToolCall = {
    // Mistral's templates require nine alphanumeric characters.
    id: 'call00042',
    type: 'function',
    function: { name: 'calculator', arguments: shape.arguments === 'mapping' ? args : JSON.stringify(args) },
  };
  const caller: Message = { role: 'assistant', tool_calls: [call] };
  if (shape.content !== undefined) caller.content = shape.content;
  return {
    name: 'multi-turn with tool calls',
    tools: [CALCULATOR],
    messages: [
      { role: 'user', content: QUESTION },
      caller,
      { role: 'tool', name: 'calculator', tool_call_id: call.id, content: '42' },
      { role: 'assistant', content: ANSWER },
      { role: 'user', content: 'And 6 times 8?' },
    ],
  };
}

export const TOOL_CALLS = toolCallConversation(TOOL_CALL_SHAPES[0]);

/** The conversations without tool calls; the tool-call conversation is rendered in the shape the template takes. */
export const PLAIN_CONVERSATIONS = [SINGLE_TURN, SYSTEM_PROMPT, MULTI_TURN];

/** `conversation` followed by the assistant's answer: how an answered conversation is rendered for training. */
export function answered(conversation: Conversation, answer = ANSWER): Conversation {
  return { ...conversation, name: `${conversation.name}, answered`, messages: [...conversation.messages, { role: 'assistant', content: answer }] };
}

/**
 * The longest render kept. The probe's conversations render to a few kilobytes (a tool-use template with its tool
 * definitions, under 10 KB): a template that writes more is looping, and its text is not tokenized or reported.
 */
export const MAX_RENDER_CHARS = 1024 * 1024;

/** A render over MAX_RENDER_CHARS: the template cannot be probed (not a failed check: the probe stops). */
export class RenderTooLongError extends Error {}

/** The template called `raise_exception`: it rejects the conversation on purpose. */
export class TemplateRaisedError extends Error {}

/**
 * The engine's text when a template concatenates a mapping with a string, where transformers' Jinja raises a
 * TypeError: the render is not one transformers would give.
 */
const ENGINE_OBJECT_TEXT = /\[object (?:Map|Object)\]/;

/**
 * What the template's `raise_exception` calls are renamed to: the engine defines its own, which throws an error like
 * any other, and a variable of the same name cannot be passed. Ours tells a deliberate rejection from an engine error.
 */
const RAISE = '__rl_review_raise_exception';

/** Renames every identifier `from` in a parsed template to `to`. */
function renameIdentifier(node: unknown, from: string, to: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) renameIdentifier(item, from, to);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.type === 'Identifier' && record.value === from) record.value = to;
  for (const child of Object.values(record)) renameIdentifier(child, from, to);
}

/** Names a template may read without defining them: Jinja's and transformers' globals. */
const GLOBALS = new Set(['true', 'false', 'none', 'True', 'False', 'None', 'range', 'namespace', RAISE, 'strftime_now', 'loop', 'dict', 'cycler', 'joiner', 'lipsum', 'self', 'varargs', 'kwargs', 'caller']);

export class ChatTemplate {
  private readonly template: Template;
  /**
   * Whether `tools` is passed to every render. transformers passes `tools=None` unless given tools; tool-use
   * templates (Hermes' `tool_use`) iterate over it unguarded and only render with tools, as their users call them.
   */
  private toolsAlways = false;

  /** Throws when the template does not parse. `specialTokens` are the variables transformers passes (`bos_token`...). */
  constructor(readonly source: string, private readonly specialTokens: Record<string, unknown>) {
    this.template = new Template(source);
    renameIdentifier(this.template.parsed, 'raise_exception', RAISE);
  }

  /** Whether renders pass `tools` whatever the conversation: the template failed without them. */
  get needsTools(): boolean {
    return this.toolsAlways;
  }

  /**
   * The render of `conversation`, as `apply_chat_template(messages, tools=..., add_generation_prompt=...)` gives it.
   * Throws a TemplateRaisedError when the template raises, a RenderTooLongError over MAX_RENDER_CHARS, any other
   * error when the engine fails (an undefined variable, a filter it lacks).
   */
  render(conversation: Conversation, addGenerationPrompt: boolean): string {
    const tools = conversation.tools ?? (this.toolsAlways ? [CALCULATOR] : null);
    try {
      return this.renderWith(conversation, tools, addGenerationPrompt);
    } catch (error) {
      if (tools || error instanceof TemplateRaisedError || error instanceof RenderTooLongError) throw error;
      const withTools = this.renderWith(conversation, [CALCULATOR], addGenerationPrompt);
      this.toolsAlways = true;
      return withTools;
    }
  }

  private renderWith(conversation: Conversation, tools: object[] | null, addGenerationPrompt: boolean): string {
    const text = this.template.render({
      ...this.specialTokens,
      messages: conversation.messages,
      tools,
      documents: null,
      add_generation_prompt: addGenerationPrompt,
      [RAISE]: (message: unknown) => {
        throw new TemplateRaisedError(String(message));
      },
    });
    if (text.length > MAX_RENDER_CHARS) {
      throw new RenderTooLongError(`the chat template writes ${text.length.toLocaleString('en-US')} characters for the ${conversation.name} conversation (at most ${MAX_RENDER_CHARS.toLocaleString('en-US')} are kept): not probed`);
    }
    if (ENGINE_OBJECT_TEXT.test(text)) throw new Error('the template adds a mapping to a string (transformers raises a TypeError there)');
    return text;
  }

  /**
   * The variables the template reads that are neither set by it, nor Jinja's globals, nor passed by transformers
   * (`messages`, `tools`, `documents`, `add_generation_prompt`, the special tokens): what an engine error about an undefined value
   * is most likely about (`functions`, for firefunction).
   */
  unknownVariables(): string[] {
    const read = new Set<string>();
    const set = new Set<string>();
    // `binding`: under a loop variable, an assignee, a macro's name or parameters, or a keyword argument's name.
    const visit = (node: unknown, binding: boolean, key?: string, parent?: Record<string, unknown>): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) {
        for (const item of node) visit(item, binding, key, parent);
        return;
      }
      const record = node as Record<string, unknown>;
      if (record.type === 'Identifier') {
        const isName = key === 'filter' || key === 'test' || key === 'operator' || (key === 'property' && parent?.computed === false);
        if (!isName) (binding ? set : read).add(record.value as string);
        return;
      }
      // A filter called with arguments (`tojson(indent=2)`): its name is not a variable, its arguments may read some.
      if ((key === 'filter' || key === 'test') && record.type === 'CallExpression') {
        visit(record.args, binding, 'args', record);
        return;
      }
      for (const [childKey, child] of Object.entries(record)) {
        visit(child, binding || ['loopvar', 'assignee', 'name', 'args', 'key'].includes(childKey) && record.type !== 'CallExpression', childKey, record);
      }
    };
    visit(this.template.parsed, false);
    const passed = new Set(['messages', 'tools', 'documents', 'add_generation_prompt', ...Object.keys(this.specialTokens)]);
    return [...read].filter((name) => !set.has(name) && !passed.has(name) && !GLOBALS.has(name)).sort();
  }
}
