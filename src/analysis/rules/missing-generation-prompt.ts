import type { CallExpression, ObjectLiteralExpression } from 'ts-morph';
import { editFix } from '../fix';
import {
  assignmentsTo, callsNamed, descendants, enclosing, enclosingFunction, enclosingScope, functionName, keywordArgument, literalTruth,
  positionalArguments, rangeOf, splatArguments, type PyNode, type PythonFile,
} from '../languages/python';
import { tsRangeOf, type TypeScriptFile } from '../languages/typescript';
import type { Rule, RuleReport } from '../rule';
import { GENERATION_CALLS, nameWords } from '../names';

/** Words of function or class names that say the code runs at rollout time (whole words: `LossMaskGenerator` is no sampler). */
const ROLLOUT_WORDS = new Set([
  'rollout', 'rollouts', 'generate', 'generates', 'generating', 'generation', 'generations', 'generator', 'generators',
  'sample', 'samples', 'sampler', 'sampling', 'infer', 'inference', 'agent', 'agents', 'agentic', 'policy', 'act',
]);

/** Words before `generator` that make it a generator of something else than text (a loss-mask or data generator). */
const NOT_TEXT_GENERATOR = new Set(['mask', 'masks', 'label', 'labels', 'data', 'dataset', 'loss', 'id', 'ids', 'batch', 'token', 'tokens']);

function isRolloutName(name: string): boolean {
  const words = nameWords(name);
  if (name.includes('get_action') || name.includes('env_step')) return true;
  return words.some((word, i) => ROLLOUT_WORDS.has(word) &&
    !(word.startsWith('generator') && i > 0 && NOT_TEXT_GENERATOR.has(words[i - 1])));
}

/** Names that say the code builds supervised targets, where the conversation already ends with the answer. */
const SFT_NAME = /\bsft\b|_sft|sft_|label|supervised|target/i;

const MESSAGE = 'apply_chat_template() builds a generation prompt without add_generation_prompt=True: ' +
  'the policy must write the assistant header (`<|im_start|>assistant`) itself, the repeated-`<|im_start|>` failure.';

/** The `add_generation_prompt` value a call passes, directly or through a `**kwargs` dict literal of the same scope. */
function generationPromptArgument(call: PyNode): { value?: PyNode; resolved: boolean } {
  const direct = keywordArgument(call, 'add_generation_prompt');
  if (direct) return { value: direct, resolved: true };
  for (const splat of splatArguments(call)) {
    const dict = splat.type === 'dictionary' ? splat : dictAssignedTo(splat);
    if (!dict) return { resolved: false };
    const pair = descendants(dict, 'pair').find((p) => stringValue(p.childForFieldName('key')) === 'add_generation_prompt');
    if (pair) return { value: pair.childForFieldName('value') ?? undefined, resolved: true };
  }
  return { resolved: true };
}

/** `kwargs["key"] = ...`, `kwargs.update(...)`: the dict literal is not the whole story. */
function isChangedInPlace(scope: PyNode, name: string): boolean {
  const itemAssigned = descendants(scope, 'subscript').some((s) =>
    s.childForFieldName('value')?.text === name && s.parent?.type === 'assignment' &&
    s.parent.childForFieldName('left')?.id === s.id);
  return itemAssigned || callsNamed(scope, 'update', 'setdefault', 'pop').some(
    (c) => c.childForFieldName('function')?.childForFieldName('object')?.text === name,
  );
}

/**
 * The dict literal that `**name` unpacks: the last assignment before the call, when it sits in a block around the
 * call (so it always runs first) and the dict is not changed in place.
 */
function dictAssignedTo(name: PyNode): PyNode | undefined {
  if (name.type !== 'identifier') return undefined;
  const scope = enclosingScope(name);
  if (isChangedInPlace(scope, name.text)) return undefined;
  const last = assignmentsTo(scope, name.text).filter((a) => a.endIndex <= name.startIndex).at(-1);
  const block = last?.parent?.parent;
  const runsFirst = block ? block.startIndex <= name.startIndex && name.endIndex <= block.endIndex : false;
  const right = runsFirst && last?.type === 'assignment' ? last.childForFieldName('right') : undefined;
  return right?.type === 'dictionary' ? right : undefined;
}

function stringValue(node: PyNode | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

/** The conversation ends with an assistant turn written right there: that is a training example, not a prompt. */
function endsWithAssistantTurn(messages: PyNode | undefined): boolean {
  if (!messages) return false;
  const list = messages.type === 'list' ? messages
    : messages.type === 'binary_operator' ? messages.childForFieldName('right') : undefined;
  const last = list?.type === 'list' ? list.namedChildren.at(-1) : undefined;
  if (last?.type !== 'dictionary') return false;
  return descendants(last, 'pair').some(
    (p) => stringValue(p.childForFieldName('key')) === 'role' && stringValue(p.childForFieldName('value')) === 'assistant',
  );
}

/** The name the result is assigned to: `prompt` in `prompt = tok.apply_chat_template(...)`, or `self.ids`. */
function assignedName(call: PyNode): string | undefined {
  const assignment = enclosing(call, 'assignment');
  const left = assignment?.childForFieldName('left');
  return left?.type === 'identifier' || left?.type === 'attribute' ? left.text : undefined;
}

/** `tokenizer.apply_chat_template(...)`, not a helper function or the class's own wrapper (other arguments). */
function isTokenizerMethodCall(call: PyNode): boolean {
  const callee = call.childForFieldName('function');
  const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object')?.text : undefined;
  return receiver !== undefined && receiver !== 'self' && receiver !== 'cls' && !receiver.startsWith('super(');
}

function isSupervised(call: PyNode, scope: PyNode): boolean {
  const continueFinal = keywordArgument(call, 'continue_final_message');
  if (continueFinal && literalTruth(continueFinal) !== false) return true;
  if (keywordArgument(call, 'return_assistant_tokens_mask')) return true;
  if (endsWithAssistantTurn(positionalArguments(call)[0] ?? keywordArgument(call, 'conversation'))) return true;
  const name = assignedName(call);
  if (name && SFT_NAME.test(name)) return true;
  if (scope.type === 'function_definition' && SFT_NAME.test(functionName(scope))) return true;
  // The result becomes (part of) the labels.
  if (name) {
    const labelUses = [
      ...descendants(scope, 'keyword_argument').filter((k) => k.childForFieldName('name')?.text === 'labels'),
      ...descendants(scope, 'pair').filter((p) => stringValue(p.childForFieldName('key')) === 'labels'),
    ];
    if (labelUses.some((u) => descendants(u, 'identifier', 'attribute').some((n) => n.text === name))) return true;
  }
  return false;
}

/** The prompt itself reaches a generation call: `llm.generate(prompt)`, `engine.generate(prompt_ids=ids)`. */
function feedsGeneration(call: PyNode, scope: PyNode): boolean {
  const name = assignedName(call);
  return callsNamed(scope, ...GENERATION_CALLS).some((generation) => {
    const args = generation.childForFieldName('arguments');
    if (!args) return false;
    if (args.startIndex <= call.startIndex && call.endIndex <= args.endIndex) return true;
    return name !== undefined && descendants(args, 'identifier', 'attribute').some((n) => n.text === name);
  });
}

/** `x[...]` or `x == y`: a rendering cut up or compared. */
function isSlicedOrCompared(node: PyNode): boolean {
  const parent = node.parent;
  return (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === node.id) ||
    parent?.type === 'comparison_operator';
}

/**
 * A rendering measured or compared rather than generated from: sliced (`template(conv)[len(prompt):]`), compared
 * (a tokenization sanity check), its length taken (the prompt part of a finished trajectory), any rendering without
 * the generation prompt in a function that also renders one with an explicit True (measured against it: tokenized,
 * counted, searched for as a sublist), or an explicit False where the same class passes True (diffs that find the
 * generation prompt or a system prompt).
 */
function isTemplateArithmetic(call: PyNode, scope: PyNode, explicitFalse: boolean): boolean {
  if (isSlicedOrCompared(call)) return true;
  if (callsNamed(scope, 'apply_chat_template').some((other) => other.id !== call.id && rendersGenerationPrompt(other))) return true;
  const name = assignedName(call);
  const uses = name ? descendants(scope, 'identifier', 'attribute').filter((n) => n.text === name) : [];
  if (uses.some(isSlicedOrCompared)) return true;
  if (name && callsNamed(scope, 'len').some((len) => positionalArguments(len)[0]?.text === name)) return true;
  const owner = enclosing(call, 'class_definition') ?? scope;
  return explicitFalse && callsNamed(owner, 'apply_chat_template').some(rendersGenerationPrompt);
}

/** `apply_chat_template(..., add_generation_prompt=True)`, literally. */
function rendersGenerationPrompt(call: PyNode): boolean {
  const value = keywordArgument(call, 'add_generation_prompt');
  return value !== undefined && literalTruth(value) === true;
}

/** Names of the flag that says an episode is over. */
const DONE_FLAG = /^(?:done|is_done|terminated|finished|is_finished|episode_done)$/;

/**
 * A turn's tokens rendered with `add_generation_prompt=True` (sliced off a base rendering, `[len(base_ids):]`) in a
 * function that tests whether the episode is done elsewhere (`if not done:` before adding the generation prompt by
 * hand) but not for this rendering: the last observation of a finished trajectory gets an assistant header too.
 * The flag's name, when so.
 */
function doneFlagIgnored(call: PyNode): string | undefined {
  const sliced = call.parent?.type === 'subscript' && call.parent.childForFieldName('value')?.id === call.id &&
    /^len\(/.test(call.parent.childForFieldName('subscript')?.namedChild(0)?.text ?? '');
  if (!sliced) return undefined;
  const scope = enclosingScope(call);
  for (const branch of descendants(scope, 'if_statement', 'elif_clause', 'conditional_expression')) {
    const condition = branch.type === 'conditional_expression' ? branch.namedChild(1) : branch.childForFieldName('condition');
    const flag = condition && descendants(condition, 'identifier').find((n) => DONE_FLAG.test(n.text));
    if (flag && !(branch.startIndex <= call.startIndex && call.endIndex <= branch.endIndex)) return flag.text;
  }
  return undefined;
}

const AFTER_DONE_MESSAGE = (done: string) => 'add_generation_prompt=True on every turn, also when the episode is over ' +
  `(\`${done}\` is tested elsewhere here, not for this rendering): a finished trajectory ends with an assistant header ` +
  `the model never generates. Pass add_generation_prompt=not ${done}.`;

/** The conversation a rendering is given: its first positional argument or `conversation=`/`messages=`. */
function conversationOf(call: PyNode): PyNode | undefined {
  return positionalArguments(call)[0] ?? keywordArgument(call, 'conversation') ?? keywordArgument(call, 'messages');
}

/**
 * The tokens of a user or tool turn in a multi-turn rollout, found as a prefix difference: the rendering of
 * `history + new_turns` sliced by the length of the rendering of `history` (`with_turn[len(prefix):]`), in a function
 * that tells assistant turns from the others. The difference precedes the next assistant generation, so it must end
 * with the generation prompt, or the tokens the policy is trained on differ from what the engine saw.
 */
function isTurnPrefixDifference(call: PyNode, scope: PyNode): boolean {
  const conversation = conversationOf(call);
  if (conversation?.type !== 'binary_operator' || conversation.childForFieldName('operator')?.text !== '+') return false;
  const history = conversation.childForFieldName('left')!.text;
  const prefix = callsNamed(scope, 'apply_chat_template').find((other) => other.id !== call.id && conversationOf(other)?.text === history);
  const [name, prefixName] = [assignedName(call), prefix && assignedName(prefix)];
  if (!name || !prefixName) return false;
  const sliced = descendants(scope, 'subscript').some((s) => s.childForFieldName('value')?.text === name &&
    /^len\(\s*/.test(s.childForFieldName('subscript')?.namedChild(0)?.text ?? '') &&
    s.childForFieldName('subscript')!.namedChild(0)!.text.includes(prefixName));
  const testsRoles = descendants(scope, 'string').some((s) => stringValue(s) === 'assistant') &&
    descendants(scope, 'string').some((s) => stringValue(s) === 'role');
  return sliced && testsRoles;
}

/**
 * Preference data: the prompt column rendered from the conversation without its last message
 * (`row["prompt"] = tok.apply_chat_template(messages[:-1], tokenize=False)`), in code that builds chosen/rejected
 * completions. The completions are the rest of the conversation, so the assistant header lands in them, and the
 * prompt the policy is later sampled from lacks it.
 */
function isPreferencePrompt(call: PyNode, scope: PyNode): boolean {
  const conversation = conversationOf(call);
  const slice = conversation?.type === 'subscript' ? conversation.childForFieldName('subscript') : undefined;
  if (slice?.type !== 'slice' || !/^:\s*-\s*1$/.test(slice.text)) return false;
  const assignment = enclosing(call, 'assignment');
  const target = assignment?.childForFieldName('left');
  const key = target?.type === 'subscript' ? stringValue(target.childForFieldName('subscript')) : target?.text;
  if (!key || !nameWords(key).includes('prompt')) return false;
  return descendants(scope, 'string', 'identifier').some((n) => /chosen|rejected/.test(n.type === 'string' ? stringValue(n) ?? '' : n.text));
}

/** Inside a pytest function: the rendering feeds an assert, not a policy. */
function isInTest(call: PyNode): boolean {
  const fn = enclosingFunction(call);
  return fn !== undefined && functionName(fn).startsWith('test_');
}

/** The class a function is a method of: its definition (maybe decorated) sits right in the class body. */
function methodClass(fn: PyNode): PyNode | undefined {
  const definition = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  const owner = definition.parent?.parent;
  return owner?.type === 'class_definition' ? owner : undefined;
}

function isGenerationPath(call: PyNode, scope: PyNode): boolean {
  if (callsNamed(scope, ...GENERATION_CALLS).length > 0) return true;
  // The names of the function around the call and of the class it is a method of; a closure (a route handler
  // such as `tokenize` inside an agent's server) does its own thing, whatever its outer function and class are.
  const fn = enclosingFunction(call);
  const owner = fn ? methodClass(fn) : enclosing(call, 'class_definition');
  return [fn, owner].some((definition) => definition !== undefined && isRolloutName(functionName(definition)));
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const call of callsNamed(file.root, 'apply_chat_template')) {
    const { value, resolved } = generationPromptArgument(call);
    if (!resolved) continue;
    const done = value && literalTruth(value) === true ? doneFlagIgnored(call) : undefined;
    if (done && value?.parent?.type === 'keyword_argument') {
      const fix = editFix(file.source, `Pass add_generation_prompt=not ${done}`, [{ start: value.startIndex, end: value.endIndex, text: `not ${done}` }]);
      reports.push({ ...rangeOf(call), message: AFTER_DONE_MESSAGE(done), fix });
      continue;
    }
    if (value && literalTruth(value) !== false) continue; // True, or a value we cannot resolve
    const scope = enclosingScope(call);
    if (!isTokenizerMethodCall(call) || isSupervised(call, scope)) continue;
    // A prompt passed to a generation call is one. Otherwise the names around it must say rollout, and nothing may
    // show that the rendering is measured, compared or tested instead.
    const generated = feedsGeneration(call, scope) || isTurnPrefixDifference(call, scope) || isPreferencePrompt(call, scope) ||
      (isGenerationPath(call, scope) && !isTemplateArithmetic(call, scope, value !== undefined) && !isInTest(call));
    if (!generated) continue;
    const args = call.childForFieldName('arguments')!;
    const fix = value && value.parent?.type === 'keyword_argument'
      ? editFix(file.source, 'Pass add_generation_prompt=True', [{ start: value.startIndex, end: value.endIndex, text: 'True' }])
      : value
        ? undefined
        : editFix(file.source, 'Pass add_generation_prompt=True', [insertArgument(file.source, args, 'add_generation_prompt=True')]);
    reports.push({ ...rangeOf(call), message: MESSAGE, ...(fix ? { fix } : {}) });
  }
  return reports;
}

/** Insert `text` as the last argument, after a trailing comma if there is one. */
function insertArgument(source: string, args: { startIndex: number; endIndex: number; namedChildCount: number }, text: string) {
  const close = args.endIndex - 1; // the `)`
  const inner = source.slice(args.startIndex + 1, close);
  const trimmed = inner.trimEnd();
  const at = args.startIndex + 1 + trimmed.length;
  if (args.namedChildCount === 0) return { start: at, end: at, text };
  return trimmed.endsWith(',') ? { start: at, end: at, text: ` ${text}` } : { start: at, end: at, text: `, ${text}` };
}

function checkTypeScript(file: TypeScriptFile): RuleReport[] {
  const { SyntaxKind, Node } = file.morph;
  const reports: RuleReport[] = [];
  for (const call of file.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'apply_chat_template') continue;
    if (call.getArguments().length === 0) continue;
    const options = call.getArguments()[1];
    if (options && !Node.isObjectLiteralExpression(options)) continue; // not resolvable
    const property = options?.getProperty('add_generation_prompt');
    if (options?.getProperties().some((p) => Node.isSpreadAssignment(p))) continue;
    if (options?.getProperty('continue_final_message')) continue;
    let value: string | undefined;
    if (property) {
      if (!Node.isPropertyAssignment(property)) continue;
      value = property.getInitializer()?.getText();
      if (value !== 'false') continue;
    }
    if (!isTsGenerationPath(call, file)) continue;
    reports.push({ ...tsRangeOf(call), message: MESSAGE, fix: tsFix(file, call, options) });
  }
  return reports;
}

function isTsGenerationPath(call: CallExpression, file: TypeScriptFile): boolean {
  const { Node, SyntaxKind } = file.morph;
  const fn = call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
  const scope = fn ?? file.sourceFile;
  const generates = scope.getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => {
    const e = c.getExpression();
    const name = Node.isPropertyAccessExpression(e) ? e.getName() : e.getText();
    return GENERATION_CALLS.includes(name) || name === 'generator';
  });
  if (generates) return true;
  return call.getAncestors().some((a) => {
    const name = (a as { getName?: () => string | undefined }).getName?.();
    return (Node.isFunctionLikeDeclaration(a) || Node.isClassDeclaration(a)) && typeof name === 'string' && isRolloutName(name);
  });
}

function tsFix(file: TypeScriptFile, call: CallExpression, options: ObjectLiteralExpression | undefined) {
  const { Node } = file.morph;
  const description = 'Pass add_generation_prompt: true';
  const property = options?.getProperty('add_generation_prompt');
  if (property && Node.isPropertyAssignment(property)) {
    const init = property.getInitializer()!;
    return editFix(file.source, description, [{ start: init.getStart(), end: init.getEnd(), text: 'true' }]);
  }
  if (options) {
    const at = options.getEnd() - 1;
    const inner = file.source.slice(options.getStart() + 1, at).trimEnd();
    const start = options.getStart() + 1 + inner.length;
    const sep = inner.trim() === '' ? ' ' : inner.endsWith(',') ? ' ' : ', ';
    return editFix(file.source, description, [{ start, end: start, text: `${sep}add_generation_prompt: true${inner.trim() === '' ? ' ' : ''}` }]);
  }
  const args = call.getArguments();
  const at = args[args.length - 1].getEnd();
  return editFix(file.source, description, [{ start: at, end: at, text: ', { add_generation_prompt: true }' }]);
}

export const missingGenerationPrompt: Rule = {
  meta: {
    code: 'RL101',
    name: 'missing-generation-prompt',
    severity: 'error',
    summary: 'A prompt fed to generation is built with apply_chat_template() without add_generation_prompt=True.',
    fix: 'safe',
  },
  triggers: ['apply_chat_template'],
  python: checkPython,
  typescript: checkTypeScript,
};
