import {
  calleeMethod, callsNamed, descendants, enclosingScope, isInTestCode, keywordArgument, positionalArguments, rangeOf,
  stringValue, type PyNode, type PythonFile,
} from '../languages/python';
import { GENERATION_CALLS, nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** A pad id: `pad_token_id`, `tokenizer.pad_token_id`, `self.pad_id`, a `pad_token` parameter. */
const PAD_ID = /^_?(?:pad_token_id|pad_id|pad_token|pad_idx|pad_token_idx)$/;

/** An EOS id: `eos_token_id`, `tokenizer.eos_token_id`, `eos_id`, an `eos_token` parameter. */
const EOS_ID = /^_?(?:eos_token_id|eos_id|eos_token|eos_idx|eos_token_idx)$/;

/** Words of a tensor that holds generated tokens, whole sequences or labels: what an EOS the policy must learn is in. */
const SEQUENCE_WORDS = new Set([
  'response', 'responses', 'completion', 'completions', 'generated', 'generation', 'generations', 'gen', 'sequence',
  'sequences', 'seq', 'seqs', 'output', 'outputs', 'labels', 'label', 'target', 'targets', 'full',
]);

/** Words of a tensor that holds prompts only: no generated EOS is in it. */
const PROMPT_WORDS = new Set(['prompt', 'prompts', 'query', 'queries', 'context', 'prefix', 'demo']);

/** What a masked-out position is set to: an ignore index for labels, 0 or False for a mask. */
const MASKED_VALUE = /^(?:-100|IGNORE_INDEX|ignore_index|self\.ignore_index|IGNORE_TOKEN_ID|0|False)$/;

/** Collators that set labels to -100 wherever the input is the pad id (transformers' language-modeling collator). */
const PAD_MASKING_COLLATORS = ['DataCollatorForLanguageModeling'];

const MESSAGE = 'Tokens are masked out by comparing ids with the pad id: when pad_token == eos_token (set so in many ' +
  'training scripts, and the default of several base tokenizers) the generated EOS is masked too, so the policy is ' +
  'never trained to stop (and end-of-turn ids inside prompts lose their attention). Mask by position instead: the ' +
  'attention mask, or everything after the first EOS.';

const EOS_MESSAGE = 'The EOS id itself is masked out of a generated sequence (`!= eos_token_id`): the policy is never ' +
  'trained to stop. Mask by position instead: keep every token up to and including the first EOS.';

const COLLATOR_MESSAGE = 'DataCollatorForLanguageModeling sets the labels to -100 wherever the input is the pad id, and ' +
  'this file sets pad_token = eos_token: every EOS is masked out of the labels, so the model is never trained to ' +
  'stop. Use a distinct pad token, or a collator that masks padding by position (the attention mask).';

/** The last segment of a name: `pad_token_id` for `self.tokenizer.pad_token_id`. */
function lastSegment(node: PyNode): string {
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text ?? '';
  return node.type === 'identifier' ? node.text : '';
}

const isPadId = (node: PyNode) => PAD_ID.test(lastSegment(node));
const isEosId = (node: PyNode) => EOS_ID.test(lastSegment(node));

/** The words of the tensor a comparison reads: `responses` for `data.batch["responses"]`, `response_id`, `new_labels`. */
function tensorWords(node: PyNode): string[] {
  const keys = descendants(node, 'string').map((s) => stringValue(s) ?? '');
  const names = descendants(node, 'identifier').map((i) => i.text);
  return [...keys, ...names].flatMap(nameWords);
}

/**
 * A tensor of generated tokens, whole sequences or labels, not of prompts alone: by its words, not one position of it
 * (`output[:, -1]`), and not a name last assigned from a prompt (`generated = prompt.clone()` before generating) unless
 * by a generation call.
 */
function isSequence(node: PyNode): boolean {
  const words = tensorWords(node);
  if (!words.some((w) => SEQUENCE_WORDS.has(w)) || words.some((w) => PROMPT_WORDS.has(w))) return false;
  const indices = node.type === 'subscript' ? node.childrenForFieldName('subscript') : [];
  if (indices.some((index) => index.type !== 'slice' && index.type !== 'string')) return false;
  if (node.type !== 'identifier') return true;
  const last = descendants(enclosingScope(node), 'assignment')
    .filter((a) => a.endIndex <= node.startIndex && a.childForFieldName('left')?.text === node.text).at(-1);
  const source = last?.childForFieldName('right') ?? undefined;
  const generated = source !== undefined && callsNamed(source, ...GENERATION_CALLS).length > 0;
  return !source || generated || !tensorWords(source).some((w) => PROMPT_WORDS.has(w));
}

/** `a == b`, `a != b`, `a.eq(b)`, `a.ne(b)`, `a.not_equal(b)`, `torch.ne(a, b)`: the sides and whether it is `==`. */
function comparison(node: PyNode): { sides: PyNode[]; equal: boolean } | undefined {
  if (node.type === 'comparison_operator') {
    const operators = node.childrenForFieldName('operators').map((o) => o?.type);
    if (node.namedChildCount !== 2 || operators.length !== 1 || !['==', '!='].includes(operators[0]!)) return undefined;
    return { sides: node.namedChildren.filter((n): n is PyNode => n !== null), equal: operators[0] === '==' };
  }
  if (node.type !== 'call') return undefined;
  const method = calleeMethod(node);
  if (!['eq', 'ne', 'not_equal', 'equal'].includes(method)) return undefined;
  const receiver = node.childForFieldName('function')?.childForFieldName('object');
  const sides = [...(receiver && receiver.text !== 'torch' ? [receiver] : []), ...positionalArguments(node)];
  return sides.length === 2 ? { sides, equal: method === 'eq' || method === 'equal' } : undefined;
}

/** The compared tensor and the id it is compared with, when one side is a pad or EOS id. */
function idComparison(node: PyNode): { tensor: PyNode; id: PyNode; equal: boolean } | undefined {
  const found = comparison(node);
  if (!found) return undefined;
  const index = found.sides.findIndex((side) => isPadId(side) || isEosId(side));
  if (index === -1) return undefined;
  const tensor = found.sides[1 - index];
  // `pad_token_id == eos_token_id` compares two ids: a guard, not a mask.
  if (isPadId(tensor) || isEosId(tensor) || /_token_id$|_token$/.test(lastSegment(tensor))) return undefined;
  return { tensor, id: found.sides[index], equal: found.equal };
}

/** The function compares the pad id with the EOS id (`if eos_token == pad_token:`): the case is handled. */
function comparesPadWithEos(scope: PyNode): boolean {
  return descendants(scope, 'comparison_operator', 'call').some((node) => {
    const found = comparison(node);
    return found !== undefined && found.sides.some(isPadId) && found.sides.some(isEosId);
  });
}

/** `tokenizer.pad_token = tokenizer.eos_token` (or the ids) somewhere in the file. */
function setsPadToEos(root: PyNode): boolean {
  return descendants(root, 'assignment').some((assignment) => {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    return !!left && !!right && left.type === 'attribute' && /^pad_token(_id)?$/.test(lastSegment(left)) &&
      /^eos_token(_id)?$/.test(lastSegment(right));
  });
}

/** The file gives the pad token its own value (`pad_token = "<pad>"`, `add_special_tokens({"pad_token": ...})`). */
function setsDistinctPad(root: PyNode): boolean {
  const assigned = descendants(root, 'assignment').some((assignment) => {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    return !!left && !!right && left.type === 'attribute' && lastSegment(left) === 'pad_token' &&
      !/eos_token/.test(right.text);
  });
  return assigned || callsNamed(root, 'add_special_tokens').some((call) => /["']pad_token["']/.test(call.text));
}

/**
 * The mask is set back to 1 somewhere after it is built (`mask.scatter_(1, eos_indices, value=1)`, `mask[i, eos] = 1`),
 * or rebuilt from positions (`attention_mask = (pos >= first) & (pos <= eos_index)`): the id mask was a first step.
 */
function isRestoredLater(name: string, after: PyNode): boolean {
  const scope = enclosingScope(after);
  const rebuilt = descendants(scope, 'assignment').some((assignment) => assignment.startIndex > after.endIndex &&
    assignment.childForFieldName('left')?.text === name && assignment.childForFieldName('right')?.text.includes(name) === false);
  if (rebuilt) return true;
  const scattered = callsNamed(scope, 'scatter_', 'scatter', 'index_fill_').some((call) =>
    call.startIndex > after.startIndex && call.childForFieldName('function')?.childForFieldName('object')?.text === name);
  const assigned = descendants(scope, 'assignment').some((assignment) => {
    const left = assignment.childForFieldName('left');
    return assignment.startIndex > after.startIndex && left?.type === 'subscript' &&
      left.childForFieldName('value')?.text === name && /^(?:1|True)$/.test(assignment.childForFieldName('right')?.text ?? '');
  });
  return scattered || assigned;
}

/** The name an expression is assigned to (through `(...).long()`, `.to(dtype)`, `&`), or returned from a mask function. */
function maskName(node: PyNode): string | undefined {
  let top = node;
  while (top.parent && ['parenthesized_expression', 'binary_operator', 'boolean_operator', 'attribute', 'call', 'argument_list'].includes(top.parent.type)) {
    top = top.parent;
  }
  if (top.parent?.type === 'assignment' && top.parent.childForFieldName('right')?.id === top.id) {
    const left = top.parent.childForFieldName('left');
    return left?.type === 'identifier' || left?.type === 'attribute' || left?.type === 'subscript' ? left.text : undefined;
  }
  return undefined;
}

/** A mask by name: `attention_mask`, `pad_mask`, `response_mask`, `loss_mask`, `new_attention_mask`. */
const isMaskName = (name: string) => nameWords(name).some((w) => w === 'mask' || w === 'masks');

interface Masking {
  node: PyNode;
  message: string;
}

/** `labels[labels == pad_id] = -100`, `mask[seq == pad_id] = 0`: positions masked because their id equals the pad id. */
function maskedByAssignment(root: PyNode): Masking[] {
  return descendants(root, 'assignment').flatMap((assignment) => {
    const left = assignment.childForFieldName('left');
    const value = assignment.childForFieldName('right');
    if (left?.type !== 'subscript' || !value || !MASKED_VALUE.test(value.text.replace(/\s/g, ''))) return [];
    const target = left.childForFieldName('value')!;
    const index = left.childrenForFieldName('subscript')[0];
    const found = index && idComparison(index);
    if (!found || !found.equal) return [];
    const labels = nameWords(target.text).some((w) => w === 'labels' || w === 'label' || w === 'targets');
    if (!labels && !(isMaskName(target.text) && isSequence(found.tensor))) return [];
    return [{ node: assignment, message: isEosId(found.id) ? EOS_MESSAGE : MESSAGE }];
  });
}

/** `mask = seq != pad_id`, `seq.ne(eos_id) & seq.ne(pad_id)`, `[t if t != pad else -100 for t in ids]`. */
function maskedByComparison(root: PyNode): Masking[] {
  return descendants(root, 'comparison_operator', 'call').flatMap((node) => {
    const found = idComparison(node);
    if (!found || found.equal) return [];
    const name = maskName(node);
    const choice = node.parent?.type === 'conditional_expression' ? node.parent : undefined;
    if (choice) {
      // `t if t != pad_id else IGNORE_INDEX` in a comprehension building labels.
      const masked = choice.namedChildren[2];
      const comprehension = choice.parent?.type === 'list_comprehension' ? choice.parent : undefined;
      const labels = comprehension && maskName(comprehension);
      if (!masked || !MASKED_VALUE.test(masked.text) || !labels || !nameWords(labels).includes('labels')) return [];
      return [{ node: comprehension, message: MESSAGE }];
    }
    if (!name || !isMaskName(name) || !isSequence(found.tensor) || isRestoredLater(name, node)) return [];
    return [{ node, message: isEosId(found.id) ? EOS_MESSAGE : MESSAGE }];
  });
}

/** `DataCollatorForLanguageModeling(tokenizer=tok, mlm=False)` in a file that sets the pad token to the EOS token. */
function collatorsMaskingEos(root: PyNode): Masking[] {
  if (!setsPadToEos(root)) return [];
  const ownCollator = descendants(root, 'class_definition').some((c) => PAD_MASKING_COLLATORS.includes(c.childForFieldName('name')?.text ?? ''));
  if (ownCollator) return [];
  return callsNamed(root, ...PAD_MASKING_COLLATORS).flatMap((call) => {
    const first = positionalArguments(call)[0];
    const takesTokenizer = keywordArgument(call, 'tokenizer') !== undefined || keywordArgument(call, 'mlm') !== undefined ||
      (first !== undefined && /tok|processing_class|processor/i.test(first.text));
    return takesTokenizer ? [{ node: call, message: COLLATOR_MESSAGE }] : [];
  });
}

function checkPython(file: PythonFile): RuleReport[] {
  const distinctPad = setsDistinctPad(file.root);
  const byId = distinctPad ? [] : [...maskedByAssignment(file.root), ...maskedByComparison(file.root)]
    .filter(({ node, message }) => message === EOS_MESSAGE || !comparesPadWithEos(enclosingScope(node)));
  // One finding a statement: `seq.ne(eos_id) & seq.ne(pad_id)` is one mask.
  const reported = new Set<number>();
  const statementOf = (node: PyNode) => {
    let statement = node;
    while (statement.parent && statement.parent.type !== 'block' && statement.parent.type !== 'module') statement = statement.parent;
    return statement.startIndex;
  };
  return [...byId, ...collatorsMaskingEos(file.root)]
    .filter(({ node }) => !isInTestCode(node) && !reported.has(statementOf(node)) && reported.add(statementOf(node)))
    .sort((a, b) => a.node.startIndex - b.node.startIndex)
    .map(({ node, message }) => ({ ...rangeOf(node), message }));
}

export const eosMaskedById: Rule = {
  meta: {
    code: 'RL301',
    name: 'eos-masked-by-id',
    severity: 'warning',
    summary: 'Labels or masks built by comparing token ids with the pad id (or the EOS id) mask out the EOS the policy must learn.',
  },
  // Every finding compares a tensor with an id that PAD_ID or EOS_ID names (`pad_` or `eos_` right after `==`/`!=`
  // and an owner, before them, or in the arguments of `.ne(`/`.eq(`), or calls a PAD_MASKING_COLLATORS collator.
  triggers: [
    /[!=]=\s*(?:[\w.]*\.)?_?(?:pad|eos)_|(?:pad|eos)_\w*\s*[!=]=|\b(?:ne|eq|not_equal|equal)\s*\([^)]*(?:pad|eos)_|DataCollatorForLanguageModeling/,
  ],
  python: checkPython,
};
