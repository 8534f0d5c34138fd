import type { CallExpression, Node as MorphNode } from 'ts-morph';
import type { Severity } from '../../findings';
import { editFix } from '../fix';
import {
  callsNamed, calleeMethod, descendants, enclosing, keywordArgument, positionalArguments, rangeOf, type PyNode,
  type PythonFile,
} from '../languages/python';
import { contains, derivedNames, mentions, receivingNames, runsAfter } from '../languages/python-flow';
import { tsRangeOf, type TypeScriptFile } from '../languages/typescript';
import type { Rule, RuleReport } from '../rule';
import { GENERATION_CALLS } from '../names';

/** Keywords through which a generation call receives its prompt (the rest are sampling parameters). */
const PROMPT_KEYWORD = /^(prompts?|inputs?|input_ids|prompt_ids|prompt_token_ids|texts?)$/;

/** Reward functions, scorers and verifiers: `compute_score`, `reward_fn`, `_calculate_rewards`, `verify`, `judge`. */
const REWARD_CALL = /reward|score|verif|judge|grade/i;

type Sink = 'prompt' | 'reward';

const SEVERITY: Record<Sink, Severity> = { prompt: 'warning', reward: 'info' };

const MESSAGE: Record<Sink, string> = {
  prompt: 'decode(skip_special_tokens=True) text is sent back to the inference engine as a prompt (case a): ' +
    'the chat tokens, the generation prompt among them, are gone from the rollout prompt.',
  reward: 'decode(skip_special_tokens=True) text is handed to a reward function (case b): the reward cannot see a ' +
    'missing `<|im_end|>` or a hallucinated `<|im_start|>user` turn, so malformed outputs get paid.',
};

/** `apply_chat_template` renders the chat tokens again: text that goes through it is a message, not a prompt. */
const rendersTemplate = (method: string) => method === 'apply_chat_template';

/** Calls that take something out of the text (a tool call, an answer, a search query): they return something else. */
const EXTRACTS = /extract|parse|query|search|retriev|find|match/i;

/** What stops the decoded text from being the prompt: re-templating, or extracting a part of it. */
const leavesPrompt = (method: string) => rendersTemplate(method) || EXTRACTS.test(method);

/**
 * Calls the text does not flow through, by method name. A reward computed from an extracted answer is as blind to the
 * stripped tokens as one computed from the whole text, so extraction only stops the prompt case.
 */
const BARRIERS: Record<Sink, (method: string) => boolean> = { prompt: leavesPrompt, reward: rendersTemplate };

/** The arguments of a generation call that carry its prompt: the first positional one and prompt-named keywords. */
function promptArguments(call: PyNode): PyNode[] {
  const keywords = call.childForFieldName('arguments')?.namedChildren.filter(
    (arg): arg is PyNode =>
      arg?.type === 'keyword_argument' && PROMPT_KEYWORD.test(arg.childForFieldName('name')?.text ?? ''),
  ) ?? [];
  return [...positionalArguments(call).slice(0, 1), ...keywords];
}

/** Where the decoded text ends up: a generation prompt first (the worse case), else a reward function. */
function pythonSink(decode: PyNode, root: PyNode): Sink | undefined {
  // The function around the decode, through lambdas (`run_in_executor(None, lambda: tok.decode(...))`).
  const scope = enclosing(decode, 'function_definition') ?? root;
  const calls = descendants(scope, 'call').filter((call) => contains(call, decode) || runsAfter(decode, call));
  const carrier = (sink: Sink) => {
    const barrier = (call: PyNode) => BARRIERS[sink](calleeMethod(call));
    const names = derivedNames(scope, receivingNames(decode), { barrier, after: decode });
    return (arg: PyNode | null) => arg !== null && (contains(arg, decode) || mentions(arg, names, barrier));
  };
  const carriesPrompt = carrier('prompt');
  const generations = calls.filter((call) => GENERATION_CALLS.includes(calleeMethod(call)));
  if (generations.some((call) => promptArguments(call).some(carriesPrompt))) return 'prompt';
  const carriesText = carrier('reward');
  const rewards = calls.filter((call) => REWARD_CALL.test(calleeMethod(call)));
  if (rewards.some((call) => call.childForFieldName('arguments')?.namedChildren.some(carriesText))) return 'reward';
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
    const fix = sink === 'prompt'
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
    const fix = sink === 'prompt'
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
