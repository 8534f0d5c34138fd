import type { Node as MorphNode } from 'ts-morph';
import {
  calleeMethod, callsNamed, descendants, enclosing, enclosingScope, functionName, isInTestCode, keywordArgument,
  positionalArguments, rangeOf, splatArguments, startsWithText, stringValue, type PyNode, type PythonFile,
} from '../languages/python';
import { tsRangeOf, type TypeScriptFile } from '../languages/typescript';
import type { Rule, RuleReport } from '../rule';
import { GENERATION_CALLS } from '../names';

/** Calls that sample from the policy, Tinker's `sample` among them (its EOS handling is what this rule is about). */
const SAMPLING_CALLS = [...GENERATION_CALLS, 'sample', 'sample_async'];

/** Calls whose `eos_token_id` replaces the generation config's list of EOS ids. */
const EOS_OVERRIDING_CALLS = ['generate', 'GenerationConfig'];

/** Function names that say the code generates or post-processes completions. */
const GENERATION_NAME = /generat|rollout|(?:^|_)sample(?:_|$)|sampling|decod|complet|agent|infer/i;

/** The object that owns `eos_token_id` is a tokenizer: `tokenizer`, `self._tokenizer`, `tok`, `processing_class`. */
const TOKENIZER = /tok|processing_class|processor/i;

/** Names that show the code already handles several EOS ids. */
const EOS_LIST = /generation_config\.eos_token_id|eos_token_ids|eos_ids|stop_token_ids/;

const COMPARISON_MESSAGE = 'The end of a completion is found by comparing with tokenizer.eos_token_id alone: ' +
  'generation_config.eos_token_id can list several ids (`<|im_end|>` and `<|endoftext|>`, Gemma\'s `<end_of_turn>`), ' +
  'and a model whose turn ends on another one is never cut at the end of its turn. ' +
  'Compare with every id of the generation config.';

const OVERRIDE_MESSAGE = 'eos_token_id=tokenizer.eos_token_id replaces the generation config\'s list of EOS ids: ' +
  'a model whose turn ends on a secondary EOS (`<|im_end|>` vs `<|endoftext|>`, Gemma\'s `<end_of_turn>`) runs on ' +
  'past the end of its turn. Leave eos_token_id to the generation config.';

const HANDED_OVER_MESSAGE = 'The rollout is given tokenizer.eos_token_id as its EOS id through a dict or config: ' +
  'the generation config can list several (`<|im_end|>` and `<|endoftext|>`), and responses that end on another one ' +
  'are masked or stopped as if they ran on. Pass generation_config.eos_token_id when there is one.';

/** `tokenizer.eos_token_id`, `self.processing_class.eos_token_id`: the tokenizer's one EOS id. */
function isDirectTokenizerEos(node: PyNode | null | undefined): boolean {
  if (node?.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'eos_token_id') return false;
  const owner = node.childForFieldName('object')!;
  return TOKENIZER.test(owner.type === 'attribute' ? owner.childForFieldName('attribute')!.text : owner.text);
}

/**
 * The tokenizer's EOS id, directly, as the one item of a list (`[tokenizer.eos_token_id]`), or through a name (or a
 * `self.` attribute of the class) assigned only from it.
 */
function isTokenizerEos(node: PyNode | null | undefined): boolean {
  if (isDirectTokenizerEos(node)) return true;
  if (node?.type === 'list' && node.namedChildCount === 1) return isTokenizerEos(node.namedChild(0));
  if (node?.type !== 'identifier' && node?.type !== 'attribute') return false;
  const name = node.text;
  const where = name.startsWith('self.') ? enclosing(node, 'class_definition') : enclosingScope(node);
  // The target starts the assignment: a look at the text first, the tree only for the few assignments that pass.
  const assigned = where
    ? descendants(where, 'assignment').filter((a) => startsWithText(a, name) && a.childForFieldName('left')?.text === name)
    : [];
  return assigned.length > 0 && assigned.every((a) => isDirectTokenizerEos(a.childForFieldName('right')));
}

/** Another token id (`tokenizer.pad_token_id == tokenizer.eos_token_id`) is a config check, not a completion. */
function isTokenIdConstant(node: PyNode | null): boolean {
  return !!node && /_token_id$/.test(node.text);
}

/** The two sides of `a == b`, `a != b`, `a.eq(b)`, `torch.eq(a, b)`; undefined for other nodes. */
function comparedOperands(node: PyNode): PyNode[] | undefined {
  if (node.type === 'comparison_operator') {
    const operators = node.childrenForFieldName('operators').map((o) => o?.type);
    if (node.namedChildCount !== 2 || !operators.every((o) => o === '==' || o === '!=')) return undefined;
    return node.namedChildren.filter((n): n is PyNode => n !== null);
  }
  if (node.type !== 'call' || !['eq', 'ne'].includes(calleeMethod(node))) return undefined;
  const receiver = node.childForFieldName('function')?.childForFieldName('object');
  return [...(receiver && receiver.text !== 'torch' ? [receiver] : []), ...positionalArguments(node)];
}

/** Comparisons of a sequence with the tokenizer's EOS: `ids == tok.eos_token_id`, `ids.eq(tok.eos_token_id)`. */
function eosComparisons(root: PyNode): PyNode[] {
  return descendants(root, 'comparison_operator', 'call').filter((node) => {
    const operands = comparedOperands(node);
    if (operands?.length !== 2) return false;
    const eos = operands.findIndex(isTokenizerEos);
    return eos !== -1 && !isTokenIdConstant(operands[1 - eos]);
  });
}

/**
 * The comparison runs where completions are generated or cut: its function calls `generate`, is named for generation
 * or completions, or it decides a manual decoding loop's `break`.
 */
function isGenerationPath(node: PyNode): boolean {
  const scope = enclosingScope(node);
  if (scope.type === 'function_definition' && GENERATION_NAME.test(functionName(scope))) return true;
  if (callsNamed(scope, ...SAMPLING_CALLS).length > 0) return true;
  const branch = enclosing(node, 'if_statement');
  return !!branch && !!enclosing(branch, 'for_statement', 'while_statement') &&
    descendants(branch.childForFieldName('consequence')!, 'break_statement').length > 0;
}

/** The function already works with a list of EOS ids, so this comparison is one of several. */
function handlesEosList(node: PyNode): boolean {
  return EOS_LIST.test(enclosingScope(node).text);
}

/** `eos_token_id=tok.eos_token_id` on generate()/GenerationConfig(), or in a dict of kwargs splatted into one. */
function eosOverrides(root: PyNode): PyNode[] {
  const overrides: PyNode[] = [];
  for (const call of callsNamed(root, ...EOS_OVERRIDING_CALLS)) {
    const keyword = keywordArgument(call, 'eos_token_id');
    if (isTokenizerEos(keyword)) overrides.push(keyword!.parent!);
    for (const splat of splatArguments(call)) {
      const dicts = splat.type === 'dictionary' ? [splat] : descendants(enclosingScope(call), 'assignment')
        .filter((a) => a.childForFieldName('left')?.text === splat.text)
        .map((a) => a.childForFieldName('right'))
        .filter((v): v is PyNode => v?.type === 'dictionary');
      for (const pair of dicts.flatMap((d) => descendants(d, 'pair'))) {
        if (stringValue(pair.childForFieldName('key')) === 'eos_token_id' && isTokenizerEos(pair.childForFieldName('value'))) {
          overrides.push(pair);
        }
      }
    }
  }
  return overrides;
}

/**
 * `meta_info = {"eos_token_id": tokenizer.eos_token_id}`, `gen_config["eos_token_id"] = [tokenizer.eos_token_id]`: the
 * tokenizer's EOS handed to the rollout as its stop or mask id through a dict or config, in a generation path.
 */
function eosHandedOver(root: PyNode): PyNode[] {
  const pairs = descendants(root, 'pair').filter((pair) =>
    stringValue(pair.childForFieldName('key')) === 'eos_token_id' && isTokenizerEos(pair.childForFieldName('value')));
  const items = descendants(root, 'assignment').filter((assignment) => {
    const left = assignment.childForFieldName('left');
    return left?.type === 'subscript' && stringValue(left.childForFieldName('subscript')) === 'eos_token_id' &&
      isTokenizerEos(assignment.childForFieldName('right'));
  });
  return [...pairs, ...items].filter(isGenerationPath);
}

function checkPython(file: PythonFile): RuleReport[] {
  const comparisons = eosComparisons(file.root)
    .filter((node) => isGenerationPath(node) && !handlesEosList(node) && !isInTestCode(node))
    .map((node) => ({ ...rangeOf(node), message: COMPARISON_MESSAGE }));
  const overrides = eosOverrides(file.root).filter((node) => !isInTestCode(node));
  const seen = new Set(overrides.map((node) => node.id));
  const handedOver = eosHandedOver(file.root).filter((node) => !seen.has(node.id) && !handlesEosList(node) && !isInTestCode(node));
  return [
    ...comparisons,
    ...overrides.map((node) => ({ ...rangeOf(node), message: OVERRIDE_MESSAGE })),
    ...handedOver.map((node) => ({ ...rangeOf(node), message: HANDED_OVER_MESSAGE })),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `tokenizer.eos_token_id` in TS/JS (transformers.js tokenizers expose it too). */
function isTsTokenizerEos(node: MorphNode, file: TypeScriptFile): boolean {
  const { Node } = file.morph;
  if (!Node.isPropertyAccessExpression(node) || node.getName() !== 'eos_token_id') return false;
  const owner = node.getExpression();
  const last = Node.isPropertyAccessExpression(owner) ? owner.getName() : owner.getText();
  return TOKENIZER.test(last);
}

function checkTypeScript(file: TypeScriptFile): RuleReport[] {
  const { Node, SyntaxKind } = file.morph;
  const reports: RuleReport[] = [];
  const equalities = [
    SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.EqualsEqualsToken,
    SyntaxKind.ExclamationEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken,
  ];
  for (const binary of file.sourceFile.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (!equalities.includes(binary.getOperatorToken().getKind())) continue;
    const [left, right] = [binary.getLeft(), binary.getRight()];
    const other = isTsTokenizerEos(right, file) ? left : isTsTokenizerEos(left, file) ? right : undefined;
    if (!other || /_token_id$/.test(other.getText())) continue;
    const fn = binary.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
    if (fn && EOS_LIST.test(fn.getText())) continue;
    const inLoop = binary.getFirstAncestor((a) => Node.isIterationStatement(a)) !== undefined;
    const name = (fn as { getName?: () => string | undefined } | undefined)?.getName?.() ?? '';
    if (inLoop || GENERATION_NAME.test(name)) reports.push({ ...tsRangeOf(binary), message: COMPARISON_MESSAGE });
  }
  for (const call of file.sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'generate') continue;
    for (const options of call.getArguments().filter((a) => Node.isObjectLiteralExpression(a))) {
      const property = options.getProperty('eos_token_id');
      if (Node.isPropertyAssignment(property) && isTsTokenizerEos(property.getInitializerOrThrow(), file)) {
        reports.push({ ...tsRangeOf(property), message: OVERRIDE_MESSAGE });
      }
    }
  }
  return reports;
}

export const eosOnlyStop: Rule = {
  meta: {
    code: 'RL112',
    name: 'eos-only-stop',
    severity: 'info',
    summary: 'Completion ends or stops are found with tokenizer.eos_token_id alone, ignoring the generation config\'s other EOS ids.',
  },
  // Every finding reads `.eos_token_id` off an owner that TOKENIZER matches (`self.tokenizer`, `tok`), or off a
  // call or subscript, whose whole text is matched (`get_tokenizer().eos_token_id`).
  // (The plain substring first: a quick test that most files fail.)
  triggers: ['eos_token_id', /(?:tok|processing_class|processor)[\p{ID_Continue}!?]*\s*\.\s*eos_token_id|[)\]]\s*\.\s*eos_token_id/iu],
  python: checkPython,
  typescript: checkTypeScript,
};
