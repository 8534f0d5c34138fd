import { TEMPLATE_CHECKS, type ProbeCheckMeta } from './checks';
import {
  ANSWER,
  ChatTemplate,
  CONVERSATIONS,
  MULTI_TURN,
  RenderTooLongError,
  SINGLE_TURN,
  type AssistantTurn,
  type Conversation,
} from './chat-template';
import { keyAnchor, loadModelFiles, type ModelFiles, type ModelFilesScope } from './model-files';
import { check, findingOf, ProbeInputError, type Anchor, type ProbeCheck, type ProbeResult } from './probe';
import { tokenContent, vocabularyOf, type Vocabulary } from './vocabulary';

/**
 * The chat-template probe: renders a model directory's chat template on a few conversations and checks what a
 * rollout depends on: the generation prompt, the stop token, how the special tokens and the prompt/response boundary
 * tokenize, and what the template writes between turns.
 */

export interface TemplateProbeOptions extends ModelFilesScope {
  /** Stop tokens the rollout passes besides the model's own (vLLM `stop_token_ids`): token strings or ids. */
  stopTokens?: string[];
}

/** Responses as a chat model starts them, appended to the generation prompt to look for a merge at the boundary. */
const RESPONSES = [ANSWER, '42', '<think>\nLet me compute 6 times 7.\n</think>\n\nThe answer is 42.'];

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

/** The checks that need tokenizer.json. */
const TOKENIZING_CHECKS = [TEMPLATE_CHECKS.specialTokens, TEMPLATE_CHECKS.promptBoundary, TEMPLATE_CHECKS.turnSeparator];

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
    const message = `No chat template in ${files.tokenizerConfig.path} or chat_template.jinja: nothing to probe.`;
    return [{ check: check(TEMPLATE_CHECKS.render, 'skip', { expected: 'a chat template', actual: 'none', message }), anchor: keyAnchor(files.tokenizerConfig, 'chat_template') }];
  }
  const at = (probeCheck: ProbeCheck, anchor = source.anchor): LocatedCheck => ({ check: probeCheck, anchor });
  const skipped = (metas: ProbeCheckMeta[], message: string) => metas.map((meta) => at(check(meta, 'skip', { expected: '', actual: '', message })));
  const { template, rendered, renderCheck } = renderConversations(source.text, files);
  if (!template || renderCheck.status === 'fail') {
    return [at(renderCheck), ...skipped([TEMPLATE_CHECKS.generationPrompt, TEMPLATE_CHECKS.stopToken, ...TOKENIZING_CHECKS], 'Not run: the chat template does not render.')];
  }
  const turn = assistantTurnOf(template);
  const endOfTurn = turn && firstDeclaredToken(turn.closing, vocabulary);
  const checks = [
    at(renderCheck),
    at(generationPromptCheck(template, [...rendered.keys()], turn, vocabulary)),
    at(stopTokenCheck(turn, endOfTurn?.token, vocabulary, stops), stops.anchor),
  ];
  const { encode } = vocabulary;
  if (!encode || !files.tokenizerJson) return [...checks, ...skipped(TOKENIZING_CHECKS, `Not run: no tokenizer.json in ${files.dir}.`)];
  return [
    ...checks,
    at(specialTokensCheck([...rendered.values()], vocabulary, encode), keyAnchor(files.tokenizerJson, 'added_tokens')),
    at(promptBoundaryCheck(template.render(SINGLE_TURN, true), vocabulary, encode)),
    at(turnSeparatorCheck(rendered.has(MULTI_TURN) ? template.render(MULTI_TURN, true) : undefined, endOfTurn?.token, vocabulary, encode)),
  ];
}

/** The stop tokens generation uses: generation_config.json's eos_token_id, else the tokenizer's eos_token. */
function stopTokensOf(files: ModelFiles, vocabulary: Vocabulary, extra: string[]): StopTokens {
  const generation = files.generationConfig;
  const config = files.tokenizerConfig;
  let stops: StopTokens;
  if (generation && generation.data.eos_token_id !== undefined) {
    stops = { ids: [generation.data.eos_token_id].flat(), source: `${generation.path} eos_token_id`, anchor: keyAnchor(generation, 'eos_token_id') };
  } else {
    const eos = tokenContent(config.data.eos_token);
    const id = eos === undefined ? undefined : vocabulary.idOf(eos);
    stops = { ids: id === undefined ? [] : [id], source: `${config.path} eos_token`, anchor: keyAnchor(config, 'eos_token') };
  }
  for (const token of extra) {
    const id = /^\d+$/.test(token) ? Number(token) : vocabulary.idOf(token);
    if (id === undefined) throw new ProbeInputError(`--stop-token ${token}: not a token of ${files.dir}`);
    stops.ids.push(id);
  }
  if (extra.length) stops.source += ' and --stop-token';
  return stops;
}

/** Renders each conversation with the generation prompt; one the template rejects is left out, unless it is the first. */
function renderConversations(source: string, files: ModelFiles): { template?: ChatTemplate; rendered: Map<Conversation, string>; renderCheck: ProbeCheck } {
  const config = files.tokenizerConfig.data;
  const rendered = new Map<Conversation, string>();
  const expected = 'renders every conversation';
  let template: ChatTemplate;
  try {
    template = new ChatTemplate(source, {
      bos_token: tokenContent(config.bos_token),
      eos_token: tokenContent(config.eos_token),
      pad_token: tokenContent(config.pad_token),
      unk_token: tokenContent(config.unk_token),
    });
  } catch (error) {
    const message = `The chat template does not parse: ${(error as Error).message}`;
    return { rendered, renderCheck: check(TEMPLATE_CHECKS.render, 'fail', { expected, actual: 'parse error', message }) };
  }
  const rejected: string[] = [];
  for (const conversation of CONVERSATIONS) {
    try {
      rendered.set(conversation, template.render(conversation, true));
    } catch (error) {
      if (error instanceof RenderTooLongError) throw error;
      rejected.push(`${conversation.name} (${(error as Error).message})`);
    }
  }
  const evidence = { conversations: Object.fromEntries([...rendered].map(([conversation, text]) => [conversation.name, text])), rejected };
  if (!rendered.has(SINGLE_TURN)) {
    const message = `The chat template fails on a single user question: ${rejected[0]}.`;
    return { template, rendered, renderCheck: check(TEMPLATE_CHECKS.render, 'fail', { expected, actual: 'error', message, evidence }) };
  }
  const message = rejected.length
    ? `Renders ${rendered.size} of ${CONVERSATIONS.length} conversations; the template rejects: ${rejected.join('; ')}.`
    : `Renders the ${CONVERSATIONS.map((c) => c.name).join(', ')} conversations.`;
  return { template, rendered, renderCheck: check(TEMPLATE_CHECKS.render, 'pass', { expected, actual: `${rendered.size} of ${CONVERSATIONS.length}`, message, evidence }) };
}

function assistantTurnOf(template: ChatTemplate): AssistantTurn | undefined {
  try {
    return template.assistantTurn();
  } catch (error) {
    if (error instanceof RenderTooLongError) throw error;
    return undefined; // a template that cannot render an answer turn: the checks that need it are skipped
  }
}

function generationPromptCheck(template: ChatTemplate, conversations: Conversation[], turn: AssistantTurn | undefined, vocabulary: Vocabulary): ProbeCheck {
  const expected = 'ends with the assistant header';
  const meta = TEMPLATE_CHECKS.generationPrompt;
  if (!/\badd_generation_prompt\b/.test(template.source)) {
    const message =
      'The chat template never reads add_generation_prompt: a prompt rendered for generation ends after the user turn, ' +
      'and the policy has to write the assistant header itself (the repetitive <|im_start|> output of the seeds). ' +
      'End the template with `{%- if add_generation_prompt %}` and the assistant header.';
    return check(meta, 'fail', { expected, actual: 'no generation-prompt branch', message });
  }
  for (const conversation of conversations) {
    const appended = template.generationPrompt(conversation);
    const failure =
      appended === undefined
        ? `add_generation_prompt=True changes the ${conversation.name} conversation before its end, not only its end.`
        : appended === ''
          ? `add_generation_prompt=True adds nothing to the ${conversation.name} conversation: the policy has to write the assistant header itself.`
          : turn && !turn.opening.startsWith(appended) && !appended.startsWith(turn.opening)
            ? `add_generation_prompt=True ends the prompt with ${quote(appended)}, but the template opens an assistant turn with ${quote(turn.opening)}: the policy is trained after a header it never sees at inference.`
            : undefined;
    const evidence = { conversation: conversation.name, generationPrompt: appended, assistantOpening: turn?.opening };
    if (failure) return check(meta, 'fail', { expected, actual: quote(appended ?? ''), message: failure, evidence });
  }
  const prompt = template.generationPrompt(SINGLE_TURN) ?? '';
  const evidence = { generationPrompt: prompt, generationPromptIds: vocabulary.encode?.(prompt), assistantOpening: turn?.opening };
  const message = `add_generation_prompt=True ends the prompt with the assistant header ${quote(prompt)}; False ends it after the last turn.`;
  return check(meta, 'pass', { expected, actual: quote(prompt), message, evidence });
}

function stopTokenCheck(turn: AssistantTurn | undefined, endOfTurn: string | undefined, vocabulary: Vocabulary, stops: StopTokens): ProbeCheck {
  const meta = TEMPLATE_CHECKS.stopToken;
  const expected = 'the end-of-turn token is a stop token';
  if (!turn) return check(meta, 'skip', { expected, actual: '', message: 'Not run: cannot find an assistant turn in the rendered conversation.' });
  if (!endOfTurn) {
    const message = `The chat template closes an assistant turn with ${quote(turn.closing)} and no special token: the model cannot learn where its turn ends, and no stop token ends it.`;
    return check(meta, 'fail', { expected, actual: 'no end-of-turn token', message, evidence: { assistantClosing: turn.closing } });
  }
  const id = vocabulary.idOf(endOfTurn);
  if (id === undefined) return check(meta, 'skip', { expected, actual: endOfTurn, message: `Not run: ${endOfTurn} has no id in the tokenizer files.` });
  const stopList = stops.ids.map((stop) => tokenLabel(stop, vocabulary)).join(', ') || 'none';
  const evidence = { endOfTurn: { token: endOfTurn, id }, stopTokenIds: stops.ids, stopTokens: stops.ids.map((stop) => vocabulary.tokenOf(stop)), source: stops.source };
  if (stops.ids.includes(id)) {
    const message = `The template ends an assistant turn with ${tokenLabel(id, vocabulary)}, a stop token (${stops.source}: ${stopList}).`;
    return check(meta, 'pass', { expected, actual: `${id} in [${stops.ids.join(', ')}]`, message, evidence });
  }
  const message =
    `The template ends an assistant turn with ${tokenLabel(id, vocabulary)}, but generation stops only at ${stopList} (${stops.source}). ` +
    `The policy never stops at the end of its turn: it writes ${endOfTurn} and runs on into a new turn, the runaway <|im_start|> repetition. ` +
    `Add ${id} to eos_token_id in generation_config.json (Qwen3's chat models stop on [151645, 151643]) or pass it to the rollout engine as a stop token.`;
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

function promptBoundaryCheck(prompt: string, vocabulary: Vocabulary, encode: (text: string) => number[]): ProbeCheck {
  const meta = TEMPLATE_CHECKS.promptBoundary;
  const expected = 'prompt ids + response ids';
  const promptIds = encode(prompt);
  for (const response of RESPONSES) {
    const responseIds = encode(response);
    const separate = [...promptIds, ...responseIds];
    const joined = encode(prompt + response);
    const at = separate.findIndex((id, i) => joined[i] !== id);
    if (at === -1 && joined.length === separate.length) continue;
    const merged = at === -1 ? separate.length : at;
    const message =
      `The generation prompt ends with ${quote(prompt.slice(-24))}, and a response starting ${quote(response.slice(0, 12))} merges with it: ` +
      `${describeIds(separate.slice(merged, merged + 2), vocabulary)} tokenized apart become ${describeIds(joined.slice(merged, merged + 1), vocabulary)} tokenized together. ` +
      'Rollouts that keep prompt and response ids and code that re-tokenizes prompt + response text disagree by a token, which shifts the loss mask by one. ' +
      'End the generation prompt at a token boundary (a newline or a special token).';
    const evidence = { response, promptTailIds: promptIds.slice(-5), responseIds: responseIds.slice(0, 5), joinedIds: joined.slice(Math.max(0, merged - 2), merged + 3) };
    return check(meta, 'fail', { expected, actual: 'merged at the boundary', message, evidence });
  }
  const message = `Each of ${RESPONSES.length} responses tokenizes the same after the prompt as on its own: prompt ids + response ids equal the ids of prompt + response.`;
  return check(meta, 'pass', { expected, actual: 'no merge', message, evidence: { promptTailIds: promptIds.slice(-5) } });
}

function turnSeparatorCheck(rendered: string | undefined, endOfTurn: string | undefined, vocabulary: Vocabulary, encode: (text: string) => number[]): ProbeCheck {
  const meta = TEMPLATE_CHECKS.turnSeparator;
  const expected = 'the ids between turns';
  const eotAt = rendered && endOfTurn ? rendered.indexOf(endOfTurn, rendered.indexOf(ANSWER)) : -1;
  const afterEot = eotAt + (endOfTurn?.length ?? 0);
  const next = rendered && eotAt !== -1 ? firstDeclaredToken(rendered.slice(afterEot), vocabulary) : undefined;
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

/** The earliest declared token in `text` (the longest one at that position). */
function firstDeclaredToken(text: string, vocabulary: Vocabulary): { token: string; index: number } | undefined {
  let first: { token: string; index: number } | undefined;
  for (const token of vocabulary.declaredTokens) {
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
