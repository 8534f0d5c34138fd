import { editFix } from '../fix';
import {
  calleeMethod, descendants, functionName, onesExpression, positionalArguments, rangeOf, stringValue,
  type PyNode, type PythonFile,
} from '../languages/python';
import type { Rule, RuleReport } from '../rule';

/** Masks that select the tokens trained on; attention masks only say what is padding and are left alone. */
const LOSS_MASK_NAME = /(?:^|_)(?:loss|response|action|completion|assistant|train(?:ing)?)_?masks?$/i;

/** Words that make a status string an error: `"error"`, `"rollout_failed"`, `"exception"`. */
const ERROR_WORD = /error|fail|exception|crash|abort/i;

/** A name that holds the error itself: `if error:`, `if result.failed:`, `if exc is not None:`. */
const ERROR_FLAG = /^(?:is_|has_)?(?:error|err|exc|exception|failed|failure|crashed)$/i;

/** Fields that say how a rollout ended: `stop_reason`, `finish_reason`, `status`. */
const STATUS_NAME = /reason|status|outcome/i;

/** Functions whose name says they build the output of a failed rollout (`_degenerate_output`, `error_trajectory`). */
const FAILURE_FUNCTION = /fail|error|degenerate|crash|abort/i;

const MESSAGE = 'This sample is built on an error path and still trained: its loss mask is all ones. ' +
  'A crashed tool, an engine or sandbox failure is not the policy\'s doing: mask it out (loss mask 0) or drop the sample.';

/** A value written to a loss mask: `loss_mask = v`, `loss_mask=v`, `"loss_mask": v`, `loss_masks.append(v)`. */
interface MaskWrite {
  value: PyNode;
  /** The keyword arguments or dict pairs written together with it, when it is one of them. */
  siblings?: PyNode;
}

/** The name a target writes to: `loss_mask`, `self.loss_mask`, `out["loss_mask"]`. */
function targetName(target: PyNode | null): string {
  switch (target?.type) {
    case 'identifier':
      return target.text;
    case 'attribute':
      return target.childForFieldName('attribute')?.text ?? '';
    case 'subscript':
      return stringValue(target.childForFieldName('subscript')) ?? '';
    default:
      return '';
  }
}

/** The key of a keyword argument (`loss_mask=`) or a dict pair (`"loss_mask":`). */
function keyOf(item: PyNode): string {
  return (item.type === 'pair' ? stringValue(item.childForFieldName('key')) : item.childForFieldName('name')?.text) ?? '';
}

function maskWrites(root: PyNode): MaskWrite[] {
  const writes: MaskWrite[] = [];
  for (const node of descendants(root, 'assignment', 'augmented_assignment', 'keyword_argument', 'pair', 'call')) {
    // The mask's name is in the node's text: a look at the text first, the tree only for the few that pass.
    if (!/mask/i.test(node.text)) continue;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const value = node.childForFieldName('right');
      if (value && LOSS_MASK_NAME.test(targetName(node.childForFieldName('left')))) writes.push({ value });
    } else if (node.type === 'keyword_argument' || node.type === 'pair') {
      const value = node.childForFieldName('value');
      if (value && LOSS_MASK_NAME.test(keyOf(node))) writes.push({ value, siblings: node.parent ?? undefined });
    } else if (['append', 'extend'].includes(calleeMethod(node))) {
      const receiver = node.childForFieldName('function')?.childForFieldName('object') ?? null;
      const value = positionalArguments(node)[0];
      if (value && LOSS_MASK_NAME.test(targetName(receiver))) writes.push({ value });
    }
  }
  return writes;
}

/** `stop_reason="error"` among the keyword arguments or pairs of one record. */
function marksError(items: PyNode): boolean {
  return items.namedChildren.some((item) => {
    if (item?.type !== 'keyword_argument' && item?.type !== 'pair') return false;
    return STATUS_NAME.test(keyOf(item)) && ERROR_WORD.test(stringValue(item.childForFieldName('value')) ?? '');
  });
}

/** A block that records the error as the rollout's status: `stop_reason = "error"` among its statements. */
function setsErrorStatus(block: PyNode): boolean {
  return block.namedChildren.some((statement) => {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment') return false;
    return STATUS_NAME.test(targetName(assignment.childForFieldName('left'))) &&
      ERROR_WORD.test(stringValue(assignment.childForFieldName('right')) ?? '');
  });
}

/** Strings of a comparison operand: `"error"`, or each of `("error", "abort")`. */
function operandStrings(node: PyNode | null): string[] {
  if (node?.type === 'string') return [stringValue(node) ?? ''];
  if (node?.type === 'tuple' || node?.type === 'list' || node?.type === 'set') {
    return node.namedChildren.map((c) => stringValue(c) ?? '');
  }
  return [];
}

/** `error`, `result.failed`, `self.has_error`: a name that is truthy when the rollout failed. */
function isErrorFlag(node: PyNode | null): boolean {
  if (node?.type === 'identifier') return ERROR_FLAG.test(node.text);
  if (node?.type === 'attribute') return ERROR_FLAG.test(node.childForFieldName('attribute')?.text ?? '');
  return false;
}

/** A condition under which the branch handles an error: `stop_reason == "error"`, `if error:`, `isinstance(r, Exception)`. */
function isErrorTest(node: PyNode | null): boolean {
  switch (node?.type) {
    case 'parenthesized_expression':
      return isErrorTest(node.namedChild(0));
    case 'boolean_operator':
      return isErrorTest(node.childForFieldName('left')) || isErrorTest(node.childForFieldName('right'));
    case 'identifier':
    case 'attribute':
      return isErrorFlag(node);
    case 'comparison_operator': {
      const operator = node.childrenForFieldName('operators').map((o) => o?.text.replace(/\s+/g, ' ')).join(' ');
      const [left, right] = [node.namedChild(0), node.namedChild(1)];
      if (operator === '==') return [...operandStrings(left), ...operandStrings(right)].some((s) => ERROR_WORD.test(s));
      if (operator === 'in') return operandStrings(right).some((s) => ERROR_WORD.test(s));
      return operator === 'is not' && right?.type === 'none' && isErrorFlag(left);
    }
    case 'call': {
      const type = positionalArguments(node)[1];
      return calleeMethod(node) === 'isinstance' && /(?:Error|Exception)$/.test(type?.text ?? '');
    }
    default:
      return false;
  }
}

/**
 * True when `node` runs only after a rollout failed: inside an `except` block, a branch that tests for an error or
 * records one as the stop reason, or a function named for failures (a test named for errors only builds inputs).
 * A block that re-raises discards what it built.
 */
function onErrorPath(node: PyNode): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'function_definition':
        return FAILURE_FUNCTION.test(functionName(parent)) && !functionName(parent).startsWith('test');
      case 'lambda':
      case 'class_definition':
        return false;
      case 'except_clause':
        return true;
      case 'if_statement':
      case 'elif_clause':
        if (child.id === parent.childForFieldName('consequence')?.id && isErrorTest(parent.childForFieldName('condition'))) {
          return true;
        }
        break;
      case 'block':
        if (parent.namedChildren.some((s) => s?.type === 'raise_statement')) return false;
        if (setsErrorStatus(parent)) return true;
        break;
    }
  }
  return false;
}

/** The zero for each flip of an all-ones expression. */
const ZEROS: Record<string, string> = { '1': '0', True: 'False', ones: 'zeros', ones_like: 'zeros_like' };

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const { value, siblings } of maskWrites(file.root)) {
    const ones = onesExpression(value);
    if (!ones) continue;
    if (!(siblings && marksError(siblings)) && !onErrorPath(value)) continue;
    const zeros = ones.flips.map((n) => ({ start: n.startIndex, end: n.endIndex, text: ZEROS[n.text] }));
    reports.push({ ...rangeOf(value), message: MESSAGE, fix: editFix(file.source, 'Mask the sample out', zeros) });
  }
  return reports;
}

export const errorRolloutTrained: Rule = {
  meta: {
    code: 'RL109',
    name: 'error-rollout-trained',
    severity: 'warning',
    summary: 'A sample built on a rollout\'s error path is trained with a loss mask of ones.',
    fix: 'unsafe',
  },
  triggers: [
    // The mask written: LOSS_MASK_NAME, unanchored.
    /(?:loss|response|action|completion|assistant|train(?:ing)?)_?masks?/i,
    // The ones written (onesExpression): a list of ones or a comprehension of one right after `=`, `:`, `(` or `*`
    // and whitespace or a backslash (`= [1] * n`, `n * [True]`, `append([1 for _ in ids])`), or `ones`/`ones_like`.
    /[=:(*][\s\\]*(?:\[\s*(?:1|True)(?:\s*,\s*(?:1|True))*\s*,?\s*\]|\[\s*(?:1|True)\s+for\b)|\bones(?:_like)?\s*\(/,
    // The error path: `except`, ERROR_FLAG, ERROR_WORD or FAILURE_FUNCTION.
    /err|exc|fail|crash|abort|degenerate/i,
  ],
  python: checkPython,
};
