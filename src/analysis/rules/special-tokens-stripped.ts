import type { CallExpression, Node as MorphNode } from 'ts-morph';
import type { Severity } from '../../findings';
import { editFix } from '../fix';
import {
  callsNamed, calleeMethod, descendants, enclosing, enclosingFunction, functionName, keywordArgument, parametersOf, positionalArguments, rangeOf,
  stringValue, type PyNode, type PythonFile,
} from '../languages/python';
import { carriedTo, contains, derivedNames, mentions, receivingNames, runsAfter } from '../languages/python-flow';
import { tsRangeOf, type TypeScriptFile } from '../languages/typescript';
import type { Rule, RuleReport } from '../rule';
import { GENERATION_CALLS, nameWords } from '../names';

/** Keywords through which a generation call receives its prompt (the rest are sampling parameters). */
const PROMPT_KEYWORD = /^(prompts?|inputs?|input_ids|prompt_ids|prompt_token_ids|texts?)$/;

/** Reward functions, scorers and verifiers: `compute_score`, `reward_fn`, `_calculate_rewards`, `verify`, `judge`. */
const REWARD_CALL = /reward|score|verif|judge|grade/i;

type Sink = 'prompt' | 'stored' | 'reward';

const SEVERITY: Record<Sink, Severity> = { prompt: 'warning', stored: 'warning', reward: 'info' };

const MESSAGE: Record<Sink, string> = {
  prompt: 'decode(skip_special_tokens=True) text is sent back to the inference engine as a prompt (case a): ' +
    'the chat tokens, the generation prompt among them, are gone from the rollout prompt.',
  stored: 'decode(skip_special_tokens=True) prompt text is stored as the prompt of a training sample (case a): ' +
    'whatever tokenizes it again (a teacher, a reward model, the engine) gets a prompt without the chat tokens.',
  reward: 'decode(skip_special_tokens=True) text is handed to a reward function (case b): the reward cannot see a ' +
    'missing `<|im_end|>` or a hallucinated `<|im_start|>user` turn, so malformed outputs get paid.',
};

/** `apply_chat_template` renders the chat tokens again: text that goes through it is a message, not a prompt. */
const rendersTemplate = (method: string) => method === 'apply_chat_template';

/** Calls that take something out of the text (a tool call, an answer, a search query): they return something else. */
const EXTRACTS = /extract|parse|query|search|retriev|find|match/i;

/**
 * What stops the decoded text from being the prompt: re-templating, extracting a part of it, or an environment's
 * `step`, which answers the action with an observation of its own.
 */
const leavesPrompt = (method: string) => rendersTemplate(method) || EXTRACTS.test(method) || method === 'step';

/** Words of ids that hold a completion alone: no template tokens but its end-of-turn, which a prompt would carry. */
const COMPLETION_WORDS = new Set(['response', 'responses', 'completion', 'completions', 'generated', 'generation', 'action', 'actions', 'reply']);

/** Words of ids that hold a prompt or a whole sequence, with the chat template's tokens. */
const PROMPT_WORDS = new Set(['prompt', 'prompts', 'query', 'queries', 'input', 'inputs', 'history', 'conversation', 'context', 'sequence', 'sequences', 'full', 'all']);

/** The words of the names and string keys the decoded ids are read from. */
function idWords(decode: PyNode): string[] {
  const [ids] = positionalArguments(decode);
  if (!ids) return [];
  const names = descendants(ids, 'identifier', 'string').map((n) => (n.type === 'string' ? stringValue(n) ?? '' : n.text));
  return names.flatMap(nameWords);
}

/** A completion alone (`responses`, `completion_ids`, `generated[:, prompt_len:]`): no template tokens to lose but the EOS. */
function decodesCompletion(decode: PyNode): boolean {
  const [ids] = positionalArguments(decode);
  const slicedAfterPrompt = ids?.type === 'subscript' && ids.childrenForFieldName('subscript').some((i) => i.type === 'slice' && i.namedChildCount > 0 && /^\s*[^:\s-]/.test(i.text));
  const words = idWords(decode);
  return slicedAfterPrompt || (words.some((w) => COMPLETION_WORDS.has(w)) && !words.some((w) => PROMPT_WORDS.has(w) && w !== 'input'));
}

/** A prompt alone (`prompt_ids`, `batch["prompts"]`): passed to a reward, it is context, not the graded answer. */
function decodesPrompt(decode: PyNode): boolean {
  const words = idWords(decode);
  return words.some((w) => PROMPT_WORDS.has(w)) && !words.some((w) => COMPLETION_WORDS.has(w) || w === 'sequence' || w === 'sequences');
}

/** The decode runs only where no chat template was applied: the `else` of `if ...chat_template...:`, or under `if not ...chat_template`. */
function isUntemplatedBranch(decode: PyNode): boolean {
  for (let child = decode, parent = decode.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'else_clause' && parent.parent?.type === 'if_statement' &&
      /chat_template/.test(parent.parent.childForFieldName('condition')?.text ?? '')) return true;
    if (parent.type === 'if_statement' && parent.childForFieldName('consequence')?.id === child.id &&
      /^not\b.*chat_template/.test(parent.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

/**
 * Calls the text does not flow through, by method name. A reward computed from an extracted answer is as blind to the
 * stripped tokens as one computed from the whole text, so extraction only stops the prompt case.
 */
const BARRIERS: Record<Sink, (method: string) => boolean> = { prompt: leavesPrompt, stored: leavesPrompt, reward: rendersTemplate };

/** Containers of training samples (`updated_slice`, `batch`, `inputs`, `example`), not of logs or metrics. */
const SAMPLE_CONTAINER = /^(?:batch|inputs?|slices?|samples?|examples?|features|items?|data|row|updated)$/;

/** The arguments of a generation call that carry its prompt: the first positional one and prompt-named keywords. */
function promptArguments(call: PyNode): PyNode[] {
  const keywords = call.childForFieldName('arguments')?.namedChildren.filter(
    (arg): arg is PyNode =>
      arg?.type === 'keyword_argument' && PROMPT_KEYWORD.test(arg.childForFieldName('name')?.text ?? ''),
  ) ?? [];
  return [...positionalArguments(call).slice(0, 1), ...keywords];
}

/**
 * Where the decoded text ends up: a generation prompt first (the worse case), else a reward function. A prompt case
 * needs ids with the template's tokens (not a completion alone, not text that was never templated); a reward case needs
 * the graded text (not a prompt passed as context).
 */
function pythonSink(decode: PyNode, root: PyNode): Sink | undefined {
  // The function around the decode, through lambdas (`run_in_executor(None, lambda: tok.decode(...))`).
  const scope = enclosingFunction(decode) ?? root;
  const calls = descendants(scope, 'call').filter((call) => contains(call, decode) || runsAfter(decode, call));
  const carrier = (sink: Sink, call: PyNode) => {
    const barrier = (c: PyNode) => BARRIERS[sink](calleeMethod(c));
    const names = derivedNames(scope, receivingNames(decode), { barrier, after: decode });
    // A call before the decode runs again only in the next iteration, with what the loop carries over to it.
    const loop = call.endIndex <= decode.startIndex ? enclosingLoopOf(decode, call) : undefined;
    const reaching = loop
      ? carriedTo(loop, derivedNames(scope, receivingNames(decode), { barrier, after: decode, sameIteration: true }), call, barrier)
      : names;
    return (arg: PyNode | null) => arg !== null && (contains(arg, decode) || mentions(arg, reaching, barrier));
  };
  if (!decodesCompletion(decode) && !isUntemplatedBranch(decode)) {
    const generations = calls.filter((call) => GENERATION_CALLS.includes(calleeMethod(call)));
    if (generations.some((call) => promptArguments(call).some(carrier('prompt', call)))) return 'prompt';
  }
  if (decodesPrompt(decode)) return storesPrompt(scope, decode, receivingNames(decode)) ? 'stored' : undefined;
  const rewards = calls.filter((call) => REWARD_CALL.test(calleeMethod(call)));
  if (rewards.some((call) => call.childForFieldName('arguments')?.namedChildren.some(carrier('reward', call)))) return 'reward';
  return undefined;
}

/**
 * A decoded prompt stored back into a sample (`updated_slice["original_prompt_text"] = prompts_text`), in the function
 * or, one level down, in a method of the same class it is passed to (`self._to_buffer(ids, prompts_text)`).
 */
function storesPrompt(scope: PyNode, after: PyNode | undefined, seeds: string[], depth = 1): boolean {
  const barrier = (c: PyNode) => BARRIERS.stored(calleeMethod(c));
  const names = derivedNames(scope, seeds, { barrier, ...(after ? { after } : {}) });
  const later = (node: PyNode) => !after || runsAfter(after, node);
  const stored = descendants(scope, 'assignment').some((a) => {
    const target = a.childForFieldName('left');
    const key = target?.type === 'subscript' ? stringValue(target.childForFieldName('subscript')) : undefined;
    const container = target?.type === 'subscript' ? target.childForFieldName('value')?.text ?? '' : '';
    return key !== undefined && nameWords(key).some((w) => w === 'prompt' || w === 'prompts') &&
      nameWords(container).some((w) => SAMPLE_CONTAINER.test(w)) && later(a) && mentions(a.childForFieldName('right')!, names, barrier);
  });
  if (stored || depth === 0) return stored;
  const owner = enclosing(scope, 'class_definition');
  if (!owner) return false;
  return descendants(scope, 'call').some((call) => {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== 'self' || !later(call)) return false;
    const method = descendants(owner, 'function_definition').find((fn) => functionName(fn) === callee.childForFieldName('attribute')!.text);
    if (!method) return false;
    const parameters = parametersOf(method).map((p) => p.name).filter((n) => n !== 'self');
    const passed = positionalArguments(call).flatMap((arg, i) => (mentions(arg, names, barrier) && parameters[i] ? [parameters[i]] : []));
    return passed.length > 0 && storesPrompt(method, undefined, passed, depth - 1);
  });
}

/** The innermost loop that holds both nodes, in their function. */
function enclosingLoopOf(a: PyNode, b: PyNode): PyNode | undefined {
  for (let loop = enclosing(a, 'for_statement', 'while_statement'); loop; loop = enclosing(loop, 'for_statement', 'while_statement')) {
    if (contains(loop, b)) return loop;
  }
  return undefined;
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const decode of callsNamed(file.root, 'decode', 'batch_decode')) {
    const skip = keywordArgument(decode, 'skip_special_tokens');
    if (skip?.type !== 'true') continue;
    const sink = pythonSink(decode, file.root);
    if (!sink) continue;
    // Only the prompt case has a mechanical fix: a reward function may rely on the clean text.
    const fix = sink !== 'reward'
      ? editFix(file.source, 'Keep the special tokens', [{ start: skip.startIndex, end: skip.endIndex, text: 'False' }])
      : undefined;
    reports.push({ ...rangeOf(decode), message: MESSAGE[sink], severity: SEVERITY[sink], ...(fix ? { fix } : {}) });
  }
  return reports;
}

/** transformers.js: `tokenizer.decode(ids, { skip_special_tokens: true })` and `batch_decode`. */
function checkTypeScript(file: TypeScriptFile): RuleReport[] {
  const { Node, SyntaxKind } = file.morph;
  const reports: RuleReport[] = [];
  for (const decode of file.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!['decode', 'batch_decode'].includes(methodName(decode))) continue;
    const options = decode.getArguments()[1];
    if (!options || !Node.isObjectLiteralExpression(options)) continue;
    const skip = options.getProperty('skip_special_tokens');
    const value = skip && Node.isPropertyAssignment(skip) ? skip.getInitializer() : undefined;
    if (value?.getKind() !== SyntaxKind.TrueKeyword) continue;
    const sink = typeScriptSink(file, decode);
    if (!sink) continue;
    const fix = sink !== 'reward'
      ? editFix(file.source, 'Keep the special tokens', [{ start: value!.getStart(), end: value!.getEnd(), text: 'false' }])
      : undefined;
    reports.push({ ...tsRangeOf(decode), message: MESSAGE[sink], severity: SEVERITY[sink], ...(fix ? { fix } : {}) });
  }
  return reports;
}

function methodName(call: CallExpression): string {
  const callee = call.getExpression();
  const text = callee.getText();
  return text.slice(text.lastIndexOf('.') + 1);
}

function typeScriptSink(file: TypeScriptFile, decode: CallExpression): Sink | undefined {
  const { Node, SyntaxKind } = file.morph;
  const scope = decode.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) ?? file.sourceFile;
  const calls = scope.getDescendantsOfKind(SyntaxKind.CallExpression);
  const carrier = (sink: Sink) => {
    const names = typeScriptDerivedNames(file, scope, decode, BARRIERS[sink]);
    return (arg: MorphNode) => holdsDecoded(file, arg, decode, names, BARRIERS[sink]);
  };
  const carriesPrompt = carrier('prompt');
  const generations = calls.filter((call) => [...GENERATION_CALLS, 'generator'].includes(methodName(call)));
  if (generations.some((call) => call.getArguments().slice(0, 1).some(carriesPrompt))) return 'prompt';
  const carriesText = carrier('reward');
  const rewards = calls.filter((call) => REWARD_CALL.test(methodName(call)));
  if (rewards.some((call) => call.getArguments().some(carriesText))) return 'reward';
  return undefined;
}

/** The variables that receive the decoded text, and every variable of the scope derived from them. */
function typeScriptDerivedNames(
  file: TypeScriptFile, scope: MorphNode, decode: CallExpression, barrier: (method: string) => boolean,
): Set<string> {
  const { Node, SyntaxKind } = file.morph;
  const edges: { from: MorphNode; to: string }[] = [];
  for (const declaration of scope.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const initializer = declaration.getInitializer();
    const target = declaration.getNameNode();
    // `const [first] = ...` and `const { text } = ...` bind every name in the pattern.
    const bound = Node.isIdentifier(target) ? [target] : target.getDescendantsOfKind(SyntaxKind.Identifier);
    if (initializer) for (const name of bound) edges.push({ from: initializer, to: name.getText() });
  }
  for (const binary of scope.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const operator = binary.getOperatorToken().getKind();
    if (operator === SyntaxKind.EqualsToken || operator === SyntaxKind.PlusEqualsToken) {
      edges.push({ from: binary.getRight(), to: binary.getLeft().getText() });
    }
  }
  for (const call of scope.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (Node.isPropertyAccessExpression(callee) && ['push', 'unshift'].includes(callee.getName())) {
      for (const arg of call.getArguments()) edges.push({ from: arg, to: callee.getExpression().getText() });
    }
  }
  const names = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const edge of edges) {
      if (names.has(edge.to) || !holdsDecoded(file, edge.from, decode, names, barrier)) continue;
      names.add(edge.to);
      grew = true;
    }
  }
  return names;
}

/**
 * True when `node` is or contains the decode call, or uses a variable derived from it as a value: not as a
 * property name (`out.text`), not for its `.length`, not inside a call the barrier stops.
 */
function holdsDecoded(
  file: TypeScriptFile, node: MorphNode, decode: CallExpression, names: ReadonlySet<string>,
  barrier: (method: string) => boolean,
): boolean {
  const { Node, SyntaxKind } = file.morph;
  if (encloses(node, decode)) return true;
  const identifiers = Node.isIdentifier(node) ? [node] : node.getDescendantsOfKind(SyntaxKind.Identifier);
  return identifiers.some((id) => {
    if (!names.has(id.getText())) return false;
    const parent = id.getParent();
    const isName = Node.isPropertyAccessExpression(parent) || Node.isPropertyAssignment(parent);
    if (isName && parent.getNameNode() === id) return false;
    if (Node.isPropertyAccessExpression(parent) && parent.getName() === 'length') return false;
    return !id.getAncestors().some((a) => Node.isCallExpression(a) && barrier(methodName(a)) && encloses(node, a));
  });
}

/** True when `inner` is `outer` or lies inside it. */
function encloses(outer: MorphNode, inner: MorphNode): boolean {
  return outer.getStart() <= inner.getStart() && inner.getEnd() <= outer.getEnd();
}

export const specialTokensStripped: Rule = {
  meta: {
    code: 'RL107',
    name: 'special-tokens-stripped',
    severity: 'warning',
    summary: 'Text decoded with skip_special_tokens=True is fed back to the engine as a prompt (warning) ' +
      'or to a reward function (info).',
    fix: 'unsafe',
  },
  // Every finding passes `skip_special_tokens=True` (TS: `skip_special_tokens: true`) to a decode whose text reaches
  // a GENERATION_CALLS call (all hold "generat"; TS also `generator`) or a REWARD_CALL.
  triggers: [/skip_special_tokens['"]?\s*[=:]\s*(?:True|true)\b/, /generat|reward|score|verif|judge|grade/i],
  python: checkPython,
  typescript: checkTypeScript,
};
