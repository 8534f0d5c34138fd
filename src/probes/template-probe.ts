import { TEMPLATE_CHECKS, type ProbeCheckMeta } from './checks';
import {
  answered,
  ANSWER,
  ChatTemplate,
  MULTI_TURN,
  PLAIN_CONVERSATIONS,
  QUESTION,
  RenderTooLongError,
  SINGLE_TURN,
  TemplateRaisedError,
  TOOL_CALL_MARKS,
  TOOL_CALL_SHAPES,
  toolCallConversation,
  type Conversation,
  type ToolCallShape,
} from './chat-template';
import { keyAnchor, loadModelFiles, type ModelFiles, type ModelFilesScope } from './model-files';
import { check, findingOf, ProbeInputError, type Anchor, type ProbeCheck, type ProbeResult } from './probe';
import { namedSpecialTokens, tokenContent, vocabularyOf, type Vocabulary } from './vocabulary';

/**
 * The chat-template probe: renders a model directory's chat template on a few conversations, as transformers'
 * apply_chat_template would, and checks what a rollout depends on: the generation prompt, the stop token, how the
 * special tokens and the prompt/response boundary tokenize, what the template writes between turns, and whether
 * tool calls show in the text the policy is trained on.
 */

export interface TemplateProbeOptions extends ModelFilesScope {
  /** Stop tokens the rollout passes besides the model's own (vLLM `stop_token_ids`): token strings or ids. */
  stopTokens?: string[];
}

/** Responses as a chat model starts them, written after the generation prompt to look for a merge at the boundary. */
const RESPONSES = [ANSWER, '42'];
/** How a reasoning model starts: tried only on templates that write `<think>`, as a plain chat model never does. */
const THINKING_RESPONSE = '<think>\nLet me compute 6 times 7.\n</think>\n\nThe answer is 42.';

interface StopTokens {
  ids: number[];
  /** Where they come from: "generation_config.json eos_token_id", plus "--stop-token". */
  source: string;
  anchor: Anchor;
}

interface LocatedCheck {
  check: ProbeCheck;
  anchor: Anchor;
}

/** What rendering the conversations gave: the renders with the generation prompt, and how the tool call was taken. */
interface Renders {
  template?: ChatTemplate;
  rendered: Map<Conversation, string>;
  renderCheck: ProbeCheck;
  /** Per tool-call shape tried, what its render did with the call. */
  toolShapes: { shape: ToolCallShape; outcome: string; showsCall: boolean }[];
}

/** The checks that need tokenizer.json. */
const TOKENIZING_CHECKS = [TEMPLATE_CHECKS.specialTokens, TEMPLATE_CHECKS.promptBoundary, TEMPLATE_CHECKS.turnSeparator];
const AFTER_RENDER = [TEMPLATE_CHECKS.generationPrompt, TEMPLATE_CHECKS.stopToken, ...TOKENIZING_CHECKS, TEMPLATE_CHECKS.toolCalls];

/**
 * Probe one model directory, in this thread and unbounded: `probeTemplateIsolated` (template-runner.ts) runs it
 * under a time and memory limit. A render over the size limit is an input error naming the directory.
 */
export function probeTemplate(dir: string, options: TemplateProbeOptions): ProbeResult {
  const files = loadModelFiles(dir, options);
  const vocabulary = vocabularyOf(files);
  let located: LocatedCheck[];
  try {
    located = templateChecks(files, vocabulary, stopTokensOf(files, vocabulary, options.stopTokens ?? []));
  } catch (error) {
    throw error instanceof RenderTooLongError ? new ProbeInputError(`${files.dir}: ${error.message}`) : error;
  }
  return {
    report: { probe: 'template', target: files.dir, checks: located.map((l) => l.check) },
    findings: located.flatMap((l) => findingOf(l.check, l.anchor) ?? []),
  };
}

function templateChecks(files: ModelFiles, vocabulary: Vocabulary, stops: StopTokens): LocatedCheck[] {
  const source = files.chatTemplate;
  if (!source) {
    const config = files.tokenizerConfig!;
    const message = `No chat template in ${config.path} or chat_template.jinja: nothing to probe.`;
    return [{ check: check(TEMPLATE_CHECKS.render, 'skip', { expected: 'a chat template', actual: 'none', message }), anchor: keyAnchor(config, 'chat_template') }];
  }
  const at = (probeCheck: ProbeCheck, anchor = source.anchor): LocatedCheck => ({ check: probeCheck, anchor });
  const skipped = (metas: ProbeCheckMeta[], message: string) => metas.map((meta) => at(check(meta, 'skip', { expected: '', actual: '', message })));
  const renders = renderConversations(source.text, files);
  const { template, rendered, renderCheck } = renders;
  if (!template || renderCheck.status !== 'pass') {
    return [at(renderCheck), ...skipped(AFTER_RENDER, 'Not run: the chat template does not render here.')];
  }
  const closing = closingOf(template);
  const endOfTurn = closing === undefined ? undefined : firstToken(closing, vocabulary.specialTokens);
  const prompt = rendered.get(SINGLE_TURN)!;
  const checks = [
    at(renderCheck),
    at(generationPromptCheck(template, rendered, closing, vocabulary)),
    at(stopTokenCheck(files, closing, endOfTurn?.token, vocabulary, stops, rendered.get(MULTI_TURN)), stops.anchor),
  ];
  const { encode } = vocabulary;
  const tokenizing = !encode || !files.tokenizerJson
    ? skipped(TOKENIZING_CHECKS, `Not run: no tokenizer.json in ${files.dir}.`)
    : [
        at(specialTokensCheck([...rendered.values()], vocabulary, encode), keyAnchor(files.tokenizerJson, 'added_tokens')),
        at(promptBoundaryCheck(template, prompt, vocabulary, encode)),
        at(turnSeparatorCheck(rendered.get(MULTI_TURN), endOfTurn?.token, vocabulary, encode)),
      ];
  return [...checks, ...tokenizing, at(toolCallsCheck(template, renders))];
}

/** The stop tokens generation uses: generation_config.json's eos_token_id, else the tokenizer's eos_token. */
function stopTokensOf(files: ModelFiles, vocabulary: Vocabulary, extra: string[]): StopTokens {
  const generation = files.generationConfig;
  const config = files.tokenizerConfig;
  let stops: StopTokens;
  if (generation && generation.data.eos_token_id !== undefined) {
    stops = { ids: [generation.data.eos_token_id].flat(), source: `${generation.path} eos_token_id`, anchor: keyAnchor(generation, 'eos_token_id') };
  } else if (config) {
    const eos = tokenContent(config.data.eos_token);
    const id = eos === undefined ? undefined : vocabulary.idOf(eos);
    stops = { ids: id === undefined ? [] : [id], source: `${config.path} eos_token`, anchor: keyAnchor(config, 'eos_token') };
  } else {
    stops = { ids: [], source: 'no tokenizer files', anchor: files.chatTemplate!.anchor };
  }
  for (const token of extra) {
    const id = /^\d+$/.test(token) ? Number(token) : vocabulary.idOf(token);
    if (id === undefined) throw new ProbeInputError(`--stop-token ${token}: not a token of ${files.dir}`);
    stops.ids.push(id);
  }
  if (extra.length) stops.source += ' and --stop-token';
  return stops;
}

/**
 * Renders each conversation with the generation prompt, as apply_chat_template would: `tools=None` unless the
 * conversation has tools (or the template needs them), the special tokens, the tool call in the first shape whose
 * render shows it. A conversation the template rejects (`raise_exception`) is left out; so is one the engine cannot
 * render, with the reason. Only a rejected single question fails the check; one the engine cannot render skips it.
 */
function renderConversations(source: string, files: ModelFiles): Renders {
  const rendered = new Map<Conversation, string>();
  const toolShapes: Renders['toolShapes'] = [];
  const expected = 'renders every conversation';
  let template: ChatTemplate;
  try {
    template = new ChatTemplate(source, namedSpecialTokens(files.tokenizerConfig?.data));
  } catch (error) {
    const message = `The chat template does not parse: ${(error as Error).message}`;
    return { rendered, toolShapes, renderCheck: check(TEMPLATE_CHECKS.render, 'fail', { expected, actual: 'parse error', message }) };
  }
  const rejected: string[] = [];
  const unrendered: string[] = [];
  const attempt = (conversation: Conversation): string | { raised?: string; failed?: string } => {
    try {
      return template.render(conversation, true);
    } catch (error) {
      if (error instanceof RenderTooLongError) throw error;
      return error instanceof TemplateRaisedError ? { raised: error.message } : { failed: engineFailure(error as Error, template) };
    }
  };
  for (const conversation of PLAIN_CONVERSATIONS) {
    const outcome = attempt(conversation);
    if (typeof outcome === 'string') rendered.set(conversation, outcome);
    else if (outcome.raised !== undefined) rejected.push(`${conversation.name} (${outcome.raised})`);
    else unrendered.push(`${conversation.name} (${outcome.failed})`);
  }
  // The tool call in each shape until one shows it; the first render that drops it stands in if none does.
  let dropping: [Conversation, string] | undefined;
  for (const shape of TOOL_CALL_SHAPES) {
    const conversation = toolCallConversation(shape);
    const outcome = attempt(conversation);
    if (typeof outcome !== 'string') {
      toolShapes.push({ shape, outcome: outcome.raised !== undefined ? `raises "${outcome.raised}"` : `cannot be rendered here: ${outcome.failed}`, showsCall: false });
      continue;
    }
    const showsCall = TOOL_CALL_MARKS.every((mark) => outcome.includes(mark));
    toolShapes.push({ shape, outcome: showsCall ? 'shows the call' : 'drops the call', showsCall });
    if (showsCall) {
      rendered.set(conversation, outcome);
      dropping = undefined;
      break;
    }
    dropping ??= [conversation, outcome];
  }
  if (dropping) rendered.set(...dropping);
  const toolConversation = TOOL_CALL_SHAPES.length && !toolShapes.some((t) => t.showsCall) && !dropping;
  if (toolConversation) {
    const raised = toolShapes.find((t) => t.outcome.startsWith('raises'));
    (raised ? rejected : unrendered).push(`multi-turn with tool calls (${(raised ?? toolShapes[0]).outcome})`);
  }

  const conversations = Object.fromEntries([...rendered].map(([conversation, text]) => [conversation.name, text]));
  const evidence = { conversations, rejected, unrendered, toolsAlwaysPassed: template.needsTools };
  const total = PLAIN_CONVERSATIONS.length + 1;
  if (!rendered.has(SINGLE_TURN)) {
    const [reason] = rejected.length && rejected[0].startsWith(SINGLE_TURN.name) ? rejected : unrendered;
    if (rejected[0]?.startsWith(SINGLE_TURN.name)) {
      const message = `The chat template rejects a single user question: ${reason}.`;
      return { template, rendered, toolShapes, renderCheck: check(TEMPLATE_CHECKS.render, 'fail', { expected, actual: 'error', message, evidence }) };
    }
    // An engine limit or a variable the caller must pass, not a defect of the template: not judged.
    const message = `Not judged: the chat template cannot be rendered here: ${reason}. transformers' Jinja may render it; the other checks need a render.`;
    return { template, rendered, toolShapes, renderCheck: check(TEMPLATE_CHECKS.render, 'skip', { expected, actual: 'not rendered', message, evidence }) };
  }
  const notes = [
    rejected.length ? `the template rejects: ${rejected.join('; ')}` : '',
    unrendered.length ? `not rendered here (a limit of the engine or a variable to pass, not a defect of the template): ${unrendered.join('; ')}` : '',
    template.needsTools ? 'it needs `tools` passed even without tool calls (a tool-use template), so every conversation was rendered with the calculator tool' : '',
  ].filter(Boolean);
  const message = `Renders ${rendered.size} of ${total} conversations${notes.length ? `; ${notes.join('; ')}` : ''}.`;
  return { template, rendered, toolShapes, renderCheck: check(TEMPLATE_CHECKS.render, 'pass', { expected, actual: `${rendered.size} of ${total}`, message, evidence }) };
}

/** An engine error, with the variables the template reads and nobody passes when it is about an undefined value. */
function engineFailure(error: Error, template: ChatTemplate): string {
  const missing = /undefined|UndefinedValue|NullValue/i.test(error.message) ? template.unknownVariables() : [];
  if (!missing.length) return `@huggingface/jinja: ${error.message}`;
  const names = missing.map((name) => `\`${name}\``).join(', ');
  return `the template reads ${names}, which apply_chat_template passes only when you give ${missing.length > 1 ? 'them' : 'it'} (apply_chat_template(..., ${missing[0]}=...)); the engine's error: ${error.message}`;
}

/** What an answered assistant turn ends with after its text: `<|im_end|>\n` in ChatML; undefined when it cannot be found. */
function closingOf(template: ChatTemplate): string | undefined {
  try {
    const answer = template.render(answered(SINGLE_TURN), false);
    const answerAt = answer.lastIndexOf(ANSWER);
    return answerAt === -1 ? undefined : answer.slice(answerAt + ANSWER.length);
  } catch (error) {
    if (error instanceof RenderTooLongError) throw error;
    return undefined; // a template that cannot render an answer turn: the checks that need it are skipped
  }
}

/**
 * The RL prompt (a conversation rendered with add_generation_prompt=True) must end where the assistant's text
 * begins in the same conversation rendered with an answer, as the policy is trained. Templates differ in how they
 * get there, and each way is judged by what the prompt ends with: ChatML, Llama 3 and Gemma append an assistant
 * header; Mistral's [INST] templates have none (the prompt ends with [/INST], where the answer begins); Phi-3
 * appends eos_token instead when the flag is False; DeepSeek-R1's adds `<think>\n` after the header; the original
 * Llama 3 release appends the header whatever the flag says (harmless for RL prompts: a note).
 */
function generationPromptCheck(template: ChatTemplate, rendered: Map<Conversation, string>, closing: string | undefined, vocabulary: Vocabulary): ProbeCheck {
  const expected = 'ends where the answer begins';
  const meta = TEMPLATE_CHECKS.generationPrompt;
  const seen: { conversation: Conversation; prompt: string; before: string }[] = [];
  for (const [conversation, fullPrompt] of rendered) {
    let answer: string;
    try {
      answer = template.render(answered(conversation), false);
    } catch (error) {
      if (error instanceof RenderTooLongError) throw error;
      continue; // a conversation the template cannot answer says nothing about the prompt
    }
    const answerAt = answer.lastIndexOf(ANSWER);
    // Compared from the last user message on: templates rewrite what comes before (Mistral Nemo moves the system
    // prompt into the last user turn, Qwen3 drops the reasoning of earlier turns).
    const lastUser = conversation.messages.findLast((message) => message.role === 'user')?.content ?? '';
    const [promptAt, beforeAt] = [fullPrompt.lastIndexOf(lastUser), answer.lastIndexOf(lastUser, answerAt)];
    if (answerAt === -1 || !lastUser || promptAt === -1 || beforeAt === -1) continue;
    const prompt = fullPrompt.slice(promptAt);
    const before = answer.slice(beforeAt, answerAt);
    seen.push({ conversation, prompt, before });
    const evidence = { conversation: conversation.name, promptEnd: prompt.slice(-60), beforeAnswer: before.slice(-60) };
    if (prompt.startsWith(before)) continue;
    if (before.startsWith(prompt)) {
      // What the model writes itself before its answer (Qwen3's empty <think></think>, a space) is no header.
      const gap = headerIn(before.slice(prompt.length), vocabulary);
      if (!gap) continue;
      const reads = /\badd_generation_prompt\b/.test(template.source);
      const message =
        `${reads ? 'add_generation_prompt=True ends' : 'The template never reads add_generation_prompt, and ends'} the ${conversation.name} prompt before ${quote(gap)}, ` +
        'which it writes before an assistant\'s answer: the policy has to write that header itself. Early in RL it often does not, or repeats it ' +
        `(the runaway header repetition of the seeds). ${reads ? 'Write the header' : `End the template with \`{%- if add_generation_prompt %}{{- ${quote(gap)} }}{%- endif %}\``} when add_generation_prompt is true.`;
      return check(meta, 'fail', { expected, actual: `missing ${quote(gap)}`, message, evidence });
    }
    // Shown from the start of the line where they part: `<|im_start|>model\n` against `<|im_start|>assistant\n`.
    let shared = 0;
    while (prompt[shared] === before[shared]) shared++;
    shared = prompt.lastIndexOf('\n', shared - 1) + 1;
    const message =
      `add_generation_prompt=True ends the ${conversation.name} prompt with ${quote(prompt.slice(shared))}, but in a rendered conversation the answer follows ${quote(before.slice(shared))}: ` +
      'the policy is trained after a header it never sees at inference. Make the generation prompt the text the template writes before an assistant\'s answer.';
    return check(meta, 'fail', { expected, actual: quote(prompt.slice(shared)), message, evidence });
  }
  if (!seen.length) return check(meta, 'skip', { expected, actual: '', message: 'Not run: the template renders no answered conversation.' });
  // The single question's prompt and answer, from its last user message on.
  const { prompt, before } = seen[0];
  const extra = prompt.startsWith(before) ? prompt.slice(before.length) : '';
  const ending = prompt.slice(lastUserLength(seen[0].conversation));
  const header = assistantHeader(before, closing === undefined ? undefined : firstToken(closing, vocabulary.specialTokens)?.token, vocabulary);
  const shown = header ? header + extra : ending;
  const evidence = { generationPrompt: shown, generationPromptIds: vocabulary.encode?.(shown), forcedStart: extra || undefined };
  // A template that writes the assistant header after every turn, the last one too, whatever the flag says.
  if (!/\badd_generation_prompt\b/.test(template.source) && header && closing?.endsWith(header)) {
    const message =
      `The template never reads add_generation_prompt: it ends every render with the assistant header ${quote(header)}. Harmless for RL prompts, which want it; ` +
      'but a finished conversation rendered for SFT or a reward model ends with an empty assistant turn. Put the header under `{%- if add_generation_prompt %}`.';
    return check(meta, 'note', { expected, actual: `always ${quote(header)}`, message, evidence });
  }
  const opening = header
    ? `The prompt ends with the assistant header ${quote(header)}`
    : `The template has no assistant header: the prompt ends with ${quote(ending)}`;
  const message = extra
    ? `${opening}, where the answer begins in a rendered conversation, then ${quote(extra)}: the policy's response starts after it, as the template intends.`
    : `${opening}, where an assistant's answer begins in a rendered conversation.`;
  return check(meta, 'pass', { expected, actual: quote(header ?? ending), message, evidence });
}

const lastUserLength = (conversation: Conversation) => (conversation.messages.findLast((message) => message.role === 'user')?.content ?? '').length;

function renderOrUndefined(template: ChatTemplate, conversation: Conversation, addGenerationPrompt: boolean): string | undefined {
  try {
    return template.render(conversation, addGenerationPrompt);
  } catch (error) {
    if (error instanceof RenderTooLongError) throw error;
    return undefined;
  }
}

/**
 * The assistant header at the end of `before` (a render up to an answer): the control tokens after the user's
 * question, from the first that does not close the user's turn (the end-of-turn token, like `<|im_end|>`, or one
 * shaped as a closing tag, like `[/INST]`). `<|im_start|>assistant\n` in ChatML,
 * `<｜Assistant｜>` in DeepSeek's; undefined in Mistral's [INST] templates, which have none.
 */
function assistantHeader(before: string, endOfTurn: string | undefined, vocabulary: Vocabulary): string | undefined {
  let tail = before.slice(before.lastIndexOf(QUESTION) + QUESTION.length);
  for (let token = firstToken(tail, vocabulary.specialTokens); token; token = firstToken(tail, vocabulary.specialTokens)) {
    // Up to the header's last control token: what follows (Qwen3's empty <think></think>) the model writes.
    if (token.token !== endOfTurn && !/^(?:\[\/|<\/)/.test(token.token)) return headerIn(tail.slice(token.index), vocabulary);
    tail = tail.slice(token.index + token.token.length);
  }
  return undefined;
}

function stopTokenCheck(
  files: ModelFiles,
  closing: string | undefined,
  endOfTurn: string | undefined,
  vocabulary: Vocabulary,
  stops: StopTokens,
  multiTurn: string | undefined,
): ProbeCheck {
  const meta = TEMPLATE_CHECKS.stopToken;
  const expected = 'the end-of-turn token is a stop token';
  if (closing === undefined) return check(meta, 'skip', { expected, actual: '', message: 'Not run: cannot find an assistant turn in the rendered conversation.' });
  if (!files.tokenizerConfig && !files.tokenizerJson) {
    const message = `Not run: ${files.dir} has no tokenizer files, so its special tokens and stop tokens are unknown (an assistant turn ends with ${quote(closing)}).`;
    return check(meta, 'skip', { expected, actual: '', message, evidence: { assistantClosing: closing } });
  }
  if (!endOfTurn) {
    const message = `The chat template closes an assistant turn with ${quote(closing)} and no special token: the model cannot learn where its turn ends, and no stop token ends it.`;
    return check(meta, 'fail', { expected, actual: 'no end-of-turn token', message, evidence: { assistantClosing: closing } });
  }
  const id = vocabulary.idOf(endOfTurn);
  if (id === undefined) return check(meta, 'skip', { expected, actual: endOfTurn, message: `Not run: ${endOfTurn} has no id in the tokenizer files.` });
  const stopList = stops.ids.map((stop) => tokenLabel(stop, vocabulary)).join(', ') || 'none';
  const evidence = { endOfTurn: { token: endOfTurn, id }, stopTokenIds: stops.ids, stopTokens: stops.ids.map((stop) => vocabulary.tokenOf(stop)), source: stops.source };
  if (stops.ids.includes(id)) {
    const message = `The template ends an assistant turn with ${tokenLabel(id, vocabulary)}, a stop token (${stops.source}: ${stopList}).`;
    return check(meta, 'pass', { expected, actual: `${id} in [${stops.ids.join(', ')}]`, message, evidence });
  }
  // What the policy goes on to write: the next turn as the template opens it.
  const eotAt = multiTurn?.indexOf(endOfTurn, multiTurn.indexOf(ANSWER)) ?? -1;
  const nextTurn = eotAt === -1 ? '' : multiTurn!.slice(eotAt + endOfTurn.length, eotAt + endOfTurn.length + 30);
  const generationConfig = files.generationConfig?.path ?? 'generation_config.json';
  const message =
    `The template ends an assistant turn with ${tokenLabel(id, vocabulary)}, but generation stops only at ${stopList} (${stops.source}). ` +
    `A policy trained on this template writes ${endOfTurn} and generation goes on: it writes the next turn itself` +
    `${nextTurn ? ` (${quote(nextTurn)}…)` : ''}, again and again, until the length limit. ` +
    `Add ${id} to eos_token_id in ${generationConfig} ("eos_token_id": [${[...stops.ids, id].join(', ')}]) or pass it to the rollout engine as a stop token (and to the probe with --stop-token).`;
  return check(meta, 'fail', { expected, actual: `${id} not in [${stops.ids.join(', ')}]`, message, evidence });
}

function specialTokensCheck(renders: string[], vocabulary: Vocabulary, encode: (text: string) => number[]): ProbeCheck {
  const meta = TEMPLATE_CHECKS.specialTokens;
  const text = renders.join('\n');
  const emitted = new Set(vocabulary.declaredTokens.filter((token) => text.includes(token)));
  // A ChatML-style token the tokenizer does not declare at all is the worst case: catch it by its shape.
  for (const match of text.matchAll(/<\|[^|\s<>]+\|>/g)) emitted.add(match[0]);
  const tokens = Object.fromEntries([...emitted].map((token) => [token, encode(token)] as const).sort(([, a], [, b]) => a[0] - b[0]));
  const split = Object.entries(tokens).filter(([, ids]) => ids.length !== 1);
  const expected = 'one token each';
  if (!split.length) {
    const message = `The ${emitted.size} special tokens the template writes are single tokens: ${Object.entries(tokens).map(([token, ids]) => `${token} ${ids[0]}`).join(', ')}.`;
    return check(meta, 'pass', { expected, actual: `${emitted.size} single tokens`, message, evidence: { tokens } });
  }
  const [token, ids] = split[0];
  const pieces = ids.map((id) => vocabulary.tokenOf(id) ?? '?');
  const message =
    `${token} tokenizes to ${ids.length} pieces [${ids.join(', ')}] (${pieces.map(quote).join(' ')}) instead of one token` +
    `${split.length > 1 ? `, and so do ${split.slice(1).map(([other]) => other).join(', ')}` : ''}: ` +
    'the model never sees the special token the template writes, and a stop on its id never fires. ' +
    "Declare it in tokenizer.json's added_tokens (special: true).";
  return check(meta, 'fail', { expected, actual: `${split.length} split`, message, evidence: { tokens } });
}

/**
 * Rollouts keep the prompt's ids and append the ids the model generates; code that rebuilds a sample from text
 * tokenizes the whole text. They agree when the prompt's ids are the start of the ids of the prompt followed by
 * what the model writes next: the text the template writes between the prompt and an answer (functionary's
 * recipient, nothing for most), then a response. Not the response's ids on their own: a SentencePiece tokenizer
 * writes a word-start marker on a text's first word that the model, continuing the prompt, does not.
 */
function promptBoundaryCheck(template: ChatTemplate, prompt: string, vocabulary: Vocabulary, encode: (text: string) => number[]): ProbeCheck {
  const meta = TEMPLATE_CHECKS.promptBoundary;
  const expected = 'the prompt\'s ids unchanged';
  const answer = renderOrUndefined(template, answered(SINGLE_TURN), false);
  const answerAt = answer?.lastIndexOf(ANSWER) ?? -1;
  const continuation = answer && answerAt !== -1 && answer.startsWith(prompt) ? answer.slice(prompt.length, answerAt) : '';
  const promptIds = encode(prompt);
  const responses = template.source.includes('<think>') ? [...RESPONSES, THINKING_RESPONSE] : RESPONSES;
  for (const response of responses) {
    const written = continuation + response;
    const joined = encode(prompt + written);
    const at = promptIds.findIndex((id, i) => joined[i] !== id);
    if (at === -1) continue;
    const fix = vocabulary.kind === 'sentencepiece'
      ? 'This SentencePiece tokenizer joins the prompt\'s last piece to the next word: end the generation prompt with a special token, or keep prompt and response ids apart end to end (the rollout\'s ids, never re-tokenized text).'
      : 'End the generation prompt at a token boundary (a newline or a special token), or keep prompt and response ids apart end to end (the rollout\'s ids, never re-tokenized text).';
    const message =
      `The generation prompt ends with ${quote(prompt.slice(-24))}, and when the model writes ${quote(written.slice(0, 16))} next, ` +
      `the prompt's last tokens ${describeIds(promptIds.slice(at), vocabulary)} become ${describeIds(joined.slice(at, at + Math.max(1, promptIds.length - at)), vocabulary)}: ` +
      `a token spans the boundary. Rollouts that keep the prompt's ids and code that re-tokenizes prompt + response text disagree, which shifts the loss mask. ${fix}`;
    const evidence = { written, promptTailIds: promptIds.slice(-5), joinedIds: joined.slice(Math.max(0, at - 2), at + 3) };
    return check(meta, 'fail', { expected, actual: 'merged at the boundary', message, evidence });
  }
  const followed = continuation ? ` after ${quote(continuation)}, which the template writes before an answer` : '';
  const message = `The prompt's ids are unchanged when each of ${responses.length} responses follows it${followed}: prompt ids + response ids are the ids of prompt + response.`;
  return check(meta, 'pass', { expected, actual: 'no merge', message, evidence: { promptTailIds: promptIds.slice(-5), continuation } });
}

function turnSeparatorCheck(rendered: string | undefined, endOfTurn: string | undefined, vocabulary: Vocabulary, encode: (text: string) => number[]): ProbeCheck {
  const meta = TEMPLATE_CHECKS.turnSeparator;
  const expected = 'the ids between turns';
  const eotAt = rendered && endOfTurn ? rendered.indexOf(endOfTurn, rendered.indexOf(ANSWER)) : -1;
  const afterEot = eotAt + (endOfTurn?.length ?? 0);
  // The next turn starts at the next control token: Gemma's `\n` is an added token, but text the template writes.
  const next = rendered && eotAt !== -1 ? firstToken(rendered.slice(afterEot), vocabulary.specialTokens) : undefined;
  if (!rendered || !endOfTurn || !next) {
    return check(meta, 'skip', { expected, actual: '', message: 'Not run: no end-of-turn token followed by another turn in the multi-turn render.' });
  }
  // Special tokens cut the text into pieces tokenized on their own, so the separator's ids are those of its text.
  const separator = rendered.slice(afterEot, afterEot + next.index);
  const [eotId, nextId] = [vocabulary.idOf(endOfTurn), vocabulary.idOf(next.token)];
  const separatorIds = encode(separator);
  const evidence = {
    endOfTurn: { token: endOfTurn, id: eotId },
    separator: { text: separator, ids: separatorIds },
    nextTurn: { token: next.token, id: nextId },
    templateIds: [eotId, ...separatorIds, nextId],
    appendedIds: [eotId, nextId],
  };
  if (!separator) {
    const message = `The template writes nothing between ${tokenLabel(eotId, vocabulary)} and the next turn's ${tokenLabel(nextId, vocabulary)}: appending the model's ids and then the next turn's ids reproduces the template.`;
    return check(meta, 'pass', { expected, actual: 'none', message, evidence });
  }
  const message =
    `After an assistant turn the template writes ${endOfTurn} ${quote(separator)} ${next.token} = [${evidence.templateIds.join(', ')}]. ` +
    `Generation stops at ${endOfTurn} (${eotId}), so the model never writes the ${quote(separator)} (${separatorIds.join(', ')}): ` +
    `a token-in/token-out loop that appends the model's ids and then the next turn's header builds [${eotId}, ${nextId}], which the template never renders. ` +
    `Append [${separatorIds.join(', ')}] after the stop token, or re-render the conversation with the template.`;
  return check(meta, 'note', { expected, actual: `[${separatorIds.join(', ')}]`, message, evidence });
}

/**
 * A tool-using policy is trained on the rendered conversation: a template that drops the calls (Llama 3's, which
 * never reads tool_calls), or shows them only for one way of writing the message (DeepSeek V3's, only when content
 * is None), trains it on text where its calls are missing.
 */
function toolCallsCheck(template: ChatTemplate, renders: Renders): ProbeCheck {
  const meta = TEMPLATE_CHECKS.toolCalls;
  const expected = 'the call in the text';
  const { toolShapes } = renders;
  const evidence = { shapes: Object.fromEntries(toolShapes.map((t) => [t.shape.label, t.outcome])) };
  const showing = toolShapes.find((t) => t.showsCall);
  const anyRendered = toolShapes.some((t) => t.outcome === 'drops the call');
  if (!showing && !anyRendered) {
    return check(meta, 'skip', { expected, actual: '', message: `Not run: the template does not render the tool-call conversation (${toolShapes[0]?.outcome ?? 'not tried'}).`, evidence });
  }
  if (!/\btool_calls\b/.test(template.source)) {
    const message =
      'The template never reads tool_calls: an assistant message that calls a tool renders as its text alone, so a policy trained on it never sees its own calls. ' +
      'Fine for a model that does not use tools; to train tool use, use a template that renders calls.';
    return check(meta, 'note', { expected, actual: 'dropped', message, evidence });
  }
  if (!showing) {
    const message =
      `The template reads tool_calls but drops the call in every shape tried (${toolShapes.map((t) => `${t.shape.label}: ${t.outcome}`).join('; ')}): ` +
      'a tool-using policy is trained on text where its calls are missing. Render each call in the assistant turn.';
    return check(meta, 'fail', { expected, actual: 'dropped', message, evidence });
  }
  const before = toolShapes.filter((t) => t !== showing);
  if (before.length) {
    const message =
      `The template shows a tool call only with ${showing.shape.label}; with ${before.map((t) => `${t.shape.label} it ${t.outcome}`).join('; with ')}. ` +
      'Write assistant tool calls in the shape it shows, or a tool-using policy is trained on text where its calls are missing.';
    return check(meta, 'note', { expected, actual: showing.shape.label, message, evidence });
  }
  return check(meta, 'pass', { expected, actual: 'shown', message: `The tool call shows in the rendered conversation (${showing.shape.label}).`, evidence });
}

/** Turn markers by their shape, for a template without tokenizer files: `<|im_start|>`, `<｜User｜>`, `<start_of_turn>`, `[INST]`. */
const CONTROL_TOKEN_SHAPE = /<\|[^|\s]+\|>|<｜[^｜\s]+｜>|<(?:start|end)_of_turn>|\[\/?[A-Z_]+\]/;

/**
 * The header at the start of `text` (what a template writes between a prompt and an answer): up to its last control
 * token (a special token of the tokenizer, or one shaped like a turn marker) and the rest of that line with the
 * newlines after it. Undefined when `text` holds no control token: the model writes it (`<think>\n\n</think>`).
 */
function headerIn(text: string, vocabulary: Vocabulary): string | undefined {
  let end = -1;
  for (const token of vocabulary.specialTokens) {
    const at = text.lastIndexOf(token);
    if (at !== -1) end = Math.max(end, at + token.length);
  }
  for (const match of text.matchAll(new RegExp(CONTROL_TOKEN_SHAPE, 'g'))) end = Math.max(end, match.index + match[0].length);
  if (end === -1) return undefined;
  return text.slice(0, end) + (/^[^\n]*\n*/.exec(text.slice(end))?.[0] ?? '');
}

/** The earliest of `tokens` in `text` (the longest one at that position). */
function firstToken(text: string, tokens: string[]): { token: string; index: number } | undefined {
  let first: { token: string; index: number } | undefined;
  for (const token of tokens) {
    const index = text.indexOf(token);
    if (index !== -1 && (!first || index < first.index)) first = { token, index };
  }
  return first;
}

const quote = (text: string) => JSON.stringify(text);

function tokenLabel(id: number | undefined, vocabulary: Vocabulary): string {
  return id === undefined ? '?' : `${vocabulary.tokenOf(id) ?? '?'} (${id})`;
}

function describeIds(ids: number[], vocabulary: Vocabulary): string {
  return `[${ids.map((id) => `${id} ${quote(vocabulary.tokenOf(id) ?? '?')}`).join(', ')}]`;
}
