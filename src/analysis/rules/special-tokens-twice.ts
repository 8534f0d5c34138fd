import {
  calleeMethod, calleeName, callsNamed, descendants, enclosing, enclosingFunction, enclosingScope, functionName, isInTestCode, keywordArgument,
  literalTruth, parametersOf, positionalArguments, rangeOf, splatArguments, type PyNode, type PythonFile,
} from '../languages/python';
import { derivedNames, isOnlyMeasured, mentions, receivingNames } from '../languages/python-flow';
import type { Rule, RuleReport } from '../rule';

/** Tokenizers called on a text: `tokenizer(text)`, `self.tok(text)`. */
const TOKENIZER_CALLEE = /tokenizer$|^tok$/i;

/** Processors, which take the text as `text=` (their first positional argument is often the images). */
const PROCESSOR_CALLEE = /processor$|^processing_class$/i;

/** Callees that only look like encoders: templating helpers (`apply_template_with_tokenizer`), Qwen processors (no BOS), image processors. */
const NOT_AN_ENCODER = /template|qwen|image|video|audio|feature/i;

/** Tokenizer methods that add special tokens unless told `add_special_tokens=False`. */
const ENCODE_METHODS = ['encode', 'encode_plus', 'batch_encode_plus', '__call__'];

/** The offline vLLM engine (`llm = LLM(...)`), whose `generate` tokenizes a text prompt with the tokenizer's special tokens. */
const VLLM_ENGINE = /^(?:self\.)?(?:\w+\.)?llm$/;

const ENCODE_MESSAGE = 'Text rendered by apply_chat_template is tokenized again with the tokenizer\'s special tokens: ' +
  'the template already wrote them, so a template that starts with the BOS token (Llama 3, Gemma, DeepSeek, Mistral) ' +
  'gets a second BOS, and one that ends with EOS a second EOS. Pass add_special_tokens=False (or tokenize in ' +
  'apply_chat_template).';

const ENGINE_MESSAGE = 'Text rendered by apply_chat_template is sent to vLLM\'s generate(), which tokenizes a text ' +
  'prompt with the tokenizer\'s special tokens: a template that starts with the BOS token (Llama 3, Gemma, DeepSeek) ' +
  'gets a second BOS. Send token ids (tokenize=True) or strip the BOS from the text.';

const APPEND_MESSAGE = 'A special token is added to ids the chat template already rendered: the template writes its own ' +
  'BOS and end-of-turn tokens, so the sequence gets a second one, trained on (an extra EOS after `<|im_end|>\\n`) or ' +
  'seen by the model (a second BOS). Check the first/last id, or add it only to text that was not templated.';

/**
 * A multimodal processor (`self.processor(text=[prompt], images=...)`): whether it adds a BOS depends on the model, and
 * the common VLM templates (Qwen2.5-VL) have none, so these findings are info.
 */
function isProcessorCall(call: PyNode): boolean {
  const name = calleeName(call);
  return PROCESSOR_CALLEE.test(name.slice(name.lastIndexOf('.') + 1)) && keywordArgument(call, 'images') !== undefined;
}

/** `tokenizer(text)`, `processing_class(text=...)`, `tok.encode(text)`: the text the call encodes. */
function encodedText(call: PyNode): PyNode | undefined {
  const name = calleeName(call);
  if (NOT_AN_ENCODER.test(name)) return undefined;
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (PROCESSOR_CALLEE.test(last)) return keywordArgument(call, 'text');
  if (!ENCODE_METHODS.includes(last) && !TOKENIZER_CALLEE.test(last)) return undefined;
  return positionalArguments(call)[0] ?? keywordArgument(call, 'text');
}

/**
 * The call adds special tokens: no `add_special_tokens` keyword (the default is True) and no `**kwargs` that may hold
 * it, or a literal True.
 */
function addsSpecialTokens(call: PyNode): boolean {
  const value = keywordArgument(call, 'add_special_tokens');
  return value === undefined ? splatArguments(call).length === 0 : literalTruth(value) === true;
}

/** `apply_chat_template(..., tokenize=False)` or TRL's `maybe_apply_chat_template(...)`: a text with the template's tokens. */
function rendersText(call: PyNode): boolean {
  const method = calleeMethod(call);
  if (method === 'maybe_apply_chat_template') return true;
  if (method !== 'apply_chat_template') return false;
  const tokenize = keywordArgument(call, 'tokenize');
  return tokenize !== undefined && literalTruth(tokenize) === false;
}

/** `apply_chat_template(...)` that returns ids: the default, or `tokenize=True`. */
function rendersIds(call: PyNode): boolean {
  if (calleeMethod(call) !== 'apply_chat_template') return false;
  const tokenize = keywordArgument(call, 'tokenize');
  return tokenize === undefined || literalTruth(tokenize) === true;
}

/** The functions of the file, by name: helpers that template, and map() callbacks. */
function functionsByName(root: PyNode): Map<string, PyNode[]> {
  const byName = new Map<string, PyNode[]>();
  for (const fn of descendants(root, 'function_definition')) {
    const name = functionName(fn);
    byName.set(name, [...(byName.get(name) ?? []), fn]);
  }
  return byName;
}

/** A function that returns text it rendered with the chat template (`def build_prompt(...): return tok.apply_chat_template(..., tokenize=False)`). */
function returnsTemplatedText(fn: PyNode): boolean {
  const renders = callsNamed(fn, 'apply_chat_template', 'maybe_apply_chat_template').filter(rendersText);
  if (renders.length === 0) return false;
  const names = derivedNames(fn, renders.flatMap(receivingNames));
  return descendants(fn, 'return_statement').some((r) => enclosingScope(r).id === fn.id && r.namedChild(0) !== null &&
    (renders.some((call) => r.startIndex <= call.startIndex && call.endIndex <= r.endIndex) || mentions(r.namedChild(0)!, names)));
}

/** The callables a `map(...)` is given: `f`, `self.f`, both arms of `self.f if c else self.g`. */
function mappedFunctionNames(call: PyNode): string[] {
  const first = positionalArguments(call)[0] ?? keywordArgument(call, 'function');
  if (!first) return [];
  const arms = first.type === 'conditional_expression' ? [first.namedChild(0), first.namedChild(2)] : [first];
  return arms.flatMap((arm) => (arm?.type === 'identifier' ? [arm.text] : arm?.type === 'attribute' ? [arm.childForFieldName('attribute')!.text] : []));
}

/**
 * Functions whose first parameter (after `self`) holds templated text: callbacks mapped over a dataset after a map that
 * applied the chat template to it (`dataset = dataset.map(maybe_apply_chat_template)`, then `dataset.map(tokenize)`).
 */
function mapCallbacksOfTemplatedData(root: PyNode, byName: Map<string, PyNode[]>): Map<number, string> {
  const callbacks = new Map<number, string>();
  const templating = (name: string) => name === 'maybe_apply_chat_template' || name === 'apply_chat_template' ||
    (byName.get(name) ?? []).some(returnsTemplatedText);
  for (const scope of [root, ...descendants(root, 'function_definition')]) {
    const maps = callsNamed(scope, 'map').filter((call) => ownerOf(call, root).id === scope.id);
    for (const templated of maps.filter((call) => mappedFunctionNames(call).some(templating))) {
      const data = templated.childForFieldName('function')?.childForFieldName('object')?.text;
      for (const later of maps) {
        if (later.startIndex <= templated.endIndex || later.childForFieldName('function')?.childForFieldName('object')?.text !== data) continue;
        for (const fn of mappedFunctionNames(later).flatMap((name) => byName.get(name) ?? [])) {
          const parameter = parametersOf(fn).find((p) => p.name !== 'self' && p.name !== 'cls');
          if (parameter) callbacks.set(fn.id, parameter.name);
        }
      }
    }
  }
  return callbacks;
}

/** The function a node belongs to, else the module (lambdas and comprehensions belong to their function). */
function ownerOf(node: PyNode, root: PyNode): PyNode {
  return enclosingFunction(node) ?? root;
}

/**
 * The function handles the BOS itself (`p[len(tok.bos_token):]`, `.replace("<｜begin▁of▁sentence｜>", "")`), by name or
 * by a known spelling (Llama 2 `<s>`, Llama 3, DeepSeek, Gemma).
 */
const handlesBos = (scope: PyNode) => /bos_token\b|<s>|begin_of_text|begin▁of▁sentence|<bos>/.test(scope.text);

/** `ids + [eos_id]`, `[bos_id] + ids`, `ids.append(eos_id)`: the added token and the ids it is added to. */
function addedSpecialToken(node: PyNode): { ids: PyNode; token: 'bos' | 'eos' } | undefined {
  const single = (list: PyNode | null) => (list?.type === 'list' && list.namedChildCount === 1 ? list.namedChild(0) : null);
  const kind = (token: PyNode | null) =>
    token && /(?:^|\.)_?eos_token_id$/.test(token.text) ? 'eos' : token && /(?:^|\.)_?bos_token_id$/.test(token.text) ? 'bos' : undefined;
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+') {
    const [left, right] = [node.childForFieldName('left')!, node.childForFieldName('right')!];
    const appended = kind(single(right));
    if (appended === 'eos') return { ids: left, token: 'eos' };
    const prepended = kind(single(left));
    if (prepended === 'bos') return { ids: right, token: 'bos' };
    return undefined;
  }
  if (node.type === 'call' && calleeMethod(node) === 'append' && kind(positionalArguments(node)[0] ?? null) === 'eos') {
    const ids = node.childForFieldName('function')?.childForFieldName('object');
    return ids ? { ids, token: 'eos' } : undefined;
  }
  return undefined;
}

/** Inside an `if`/conditional expression of its function: the addition was decided for this case. */
function isConditional(node: PyNode): boolean {
  const scope = enclosingScope(node);
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === 'if_statement' || p.type === 'conditional_expression' || p.type === 'elif_clause') return true;
  }
  return false;
}

/** What a function knows of templated text: the calls that render it, and the names that hold it. */
interface TemplatedText {
  renders: PyNode[];
  texts: Set<string>;
}

/** Calls the text does not flow through: a second apply_chat_template renders messages, it does not encode text. */
const barrier = (call: PyNode) => calleeMethod(call) === 'apply_chat_template';

function checkPython(file: PythonFile): RuleReport[] {
  const byName = functionsByName(file.root);
  const helpers = new Set([...byName].filter(([, fns]) => fns.some(returnsTemplatedText)).map(([name]) => name));
  const callbacks = mapCallbacksOfTemplatedData(file.root, byName);
  const scopes = [file.root, ...descendants(file.root, 'function_definition')];
  // Each call's owner, looked up once: the scopes below each filter the calls they own.
  const callsOf = new Map<number, PyNode[]>(scopes.map((scope) => [scope.id, []]));
  for (const call of descendants(file.root, 'call')) callsOf.get(ownerOf(call, file.root).id)!.push(call);
  const templated = (scope: PyNode, extra: string[]): TemplatedText => {
    const renders = callsOf.get(scope.id)!.filter((call) => rendersText(call) || helpers.has(calleeMethod(call)));
    const seeds = [...renders.flatMap(receivingNames), ...extra];
    const parameter = callbacks.get(scope.id);
    if (parameter) seeds.push(parameter);
    return { renders, texts: seeds.length > 0 ? derivedNames(scope, seeds, { barrier }) : new Set() };
  };
  const ownTexts = new Map(scopes.map((scope) => [scope.id, templated(scope, [])]));
  // Templated text a method keeps on the instance (`self.prompts.append(prompt)`) is templated in the other methods.
  const attributes = new Map<number, Set<string>>();
  for (const scope of scopes) {
    const owner = scope.type === 'function_definition' ? enclosing(scope, 'class_definition') : undefined;
    if (!owner) continue;
    const kept = [...ownTexts.get(scope.id)!.texts].filter((name) => name.startsWith('self.') && !name.includes('['));
    attributes.set(owner.id, new Set([...(attributes.get(owner.id) ?? []), ...kept]));
  }
  const reports: RuleReport[] = [];
  for (const scope of scopes) {
    const owner = scope.type === 'function_definition' ? enclosing(scope, 'class_definition') : undefined;
    const kept = owner ? [...(attributes.get(owner.id) ?? [])] : [];
    const { renders, texts } = kept.length > 0 ? templated(scope, kept) : ownTexts.get(scope.id)!;
    const calls = callsOf.get(scope.id)!;
    if (texts.size === 0 && !calls.some(rendersIds)) continue;
    reports.push(...checkScope(scope, calls, renders, texts));
  }
  return reports
    .filter((report, i) => reports.findIndex((r) => r.line === report.line && r.column === report.column) === i)
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The encodes, vLLM generates and added special tokens of one function that follow its templated text. */
function checkScope(scope: PyNode, calls: PyNode[], renders: PyNode[], texts: Set<string>): RuleReport[] {
  const reports: RuleReport[] = [];
  const own = (node: PyNode) => (enclosingFunction(node) ?? scope).id === scope.id;
  const carriesText = (node: PyNode) => renders.some((r) => node.startIndex <= r.startIndex && r.endIndex <= node.endIndex) ||
    mentions(node, texts, barrier);
  const encodings: PyNode[] = [];
  for (const call of calls) {
    const text = encodedText(call);
    if (text && carriesText(text)) {
      encodings.push(call);
      // A token count off by one (a length filter) is not the harm.
      if (addsSpecialTokens(call) && !handlesBos(scope) && !isOnlyMeasured(call, scope)) {
        reports.push({ ...rangeOf(call), message: ENCODE_MESSAGE, ...(isProcessorCall(call) ? { severity: 'info' as const } : {}) });
      }
    } else if (calleeMethod(call) === 'generate' && VLLM_ENGINE.test(calleeName(call).replace(/\.generate$/, ''))) {
      // Reported at the rendering, where the fix goes (tokenize there and send ids); at the call for a helper's text.
      const prompt = positionalArguments(call)[0] ?? keywordArgument(call, 'prompts');
      if (!prompt || handlesBos(scope)) continue;
      const sources = renders.filter((render) => rendersText(render) && render.endIndex <= prompt.startIndex &&
        mentions(prompt, derivedNames(scope, receivingNames(render), { barrier }), barrier));
      if (sources.length > 0 || carriesText(prompt)) {
        for (const node of sources.length > 0 ? sources : [call]) reports.push({ ...rangeOf(node), message: ENGINE_MESSAGE });
      }
    }
  }
  // Ids of templated text: tokenized from it, or rendered as ids.
  const idSources = [...encodings, ...calls.filter(rendersIds)];
  if (idSources.length === 0) return reports;
  const ids = derivedNames(scope, idSources.flatMap(receivingNames));
  for (const node of [...descendants(scope, 'binary_operator').filter(own), ...calls]) {
    const added = addedSpecialToken(node);
    if (!added || isConditional(node) || isInTestCode(node)) continue;
    const holdsIds = idSources.some((s) => added.ids.startIndex <= s.startIndex && s.endIndex <= added.ids.endIndex) ||
      mentions(added.ids, ids);
    if (holdsIds && !(added.token === 'bos' && handlesBos(scope))) reports.push({ ...rangeOf(node), message: APPEND_MESSAGE });
  }
  return reports;
}

export const specialTokensTwice: Rule = {
  meta: {
    code: 'RL302',
    name: 'special-tokens-twice',
    severity: 'warning',
    summary: 'Text or ids the chat template rendered get special tokens again (a second BOS, an extra EOS).',
  },
  // Every finding follows a templated rendering (`apply_chat_template`, `maybe_apply_chat_template`) to an encode, a
  // vLLM generate or an added `bos_token_id`/`eos_token_id`.
  triggers: ['apply_chat_template'],
  python: checkPython,
};
