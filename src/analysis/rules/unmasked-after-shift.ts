import {
  calleeMethod, callsNamed, descendants, enclosingScope, keywordArgument, positionalArguments, rangeOf, type PyNode,
  type PythonFile,
} from '../languages/python';
import { derivedNames, mentions, receivingNames, targetNames } from '../languages/python-flow';
import { isInTestFunction, isMaskName, operatorOf, subjectName, unparenthesized } from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Whitening helpers that standardize the masked entries and leave the padding at (0 - mean) / std. */
const WHITEN_CALLS = ['masked_whiten'];

const WHITEN_MESSAGE = (name: string, mask: string) =>
  `\`${name}\` is whitened with \`${mask}\` but not multiplied by it again: masked_whiten shifts every position, so ` +
  'the padding that was 0 becomes -mean/std. A consumer that aggregates with the same mask does not see it; one ' +
  'that does not (a metric, a sequence-level sum, a broadcast) trains or reports on padding. Multiply by the mask ' +
  `(\`masked_whiten(x, ${mask}) * ${mask}\`).`;

const BROADCAST_MESSAGE = (name: string, rows: string) =>
  `\`${name}\` spreads per-token values computed under the mask of other rows (\`${rows}\`) to every row, and is not ` +
  'multiplied by each row\'s own mask: where a row\'s response is longer than its source row\'s, its tokens get the ' +
  'source\'s padding (zero advantages, lost signal); where shorter, its padding gets values. Multiply by the ' +
  'destination rows\' response mask.';

/** Whether `name` is multiplied by a mask in `scope` after `after` (`x = x * mask`, `x *= mask`, `x.mul_(mask)`, `masked_fill`). */
function remaskedLater(scope: PyNode, name: string, after: PyNode): boolean {
  const names = new Set([name]);
  return descendants(scope, 'binary_operator', 'augmented_assignment', 'call').some((node) => {
    if (node.startIndex < after.endIndex) return false;
    if (node.type === 'call') {
      const method = calleeMethod(node);
      return /mask|where/.test(method) && mentions(node, names) && /mask/i.test(node.childForFieldName('arguments')?.text ?? '');
    }
    const operator = operatorOf(node);
    if (operator !== '*' && operator !== '*=') return false;
    const [left, right] = [node.childForFieldName('left')!, node.childForFieldName('right')!];
    const factors = [unparenthesized(left), unparenthesized(right)];
    return factors.some((f) => mentions(f, names)) && factors.some((f) => isMaskName(subjectName(f)));
  });
}

/** `x = masked_whiten(y, mask)` whose result is never multiplied by a mask afterwards. */
function unmaskedWhitening(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const call of callsNamed(file.root, ...WHITEN_CALLS)) {
    const mask = keywordArgument(call, 'mask') ?? positionalArguments(call)[1];
    // `shift_mean=False` scales without shifting: padding stays 0.
    if (!mask || keywordArgument(call, 'shift_mean')?.text === 'False' || isInTestFunction(call)) continue;
    let parent = call.parent;
    while (parent?.type === 'parenthesized_expression') parent = parent.parent;
    if (parent?.type === 'binary_operator' && operatorOf(parent) === '*') continue;
    const [name] = receivingNames(call);
    if (!name || remaskedLater(enclosingScope(call), name, call)) continue;
    reports.push({ ...rangeOf(call), message: WHITEN_MESSAGE(name, mask.text) });
  }
  return reports;
}

/**
 * `y = x[idx]` where `x` came from a call given the response mask of selected rows (`response_mask=mask[rows]`):
 * per-token values computed under some rows' masks and copied to other rows.
 */
function broadcastRows(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const call of descendants(file.root, 'call')) {
    const maskArgument = call.childForFieldName('arguments')?.namedChildren.find((arg) =>
      arg?.type === 'keyword_argument' && isMaskName(arg.childForFieldName('name')?.text));
    const rowsMask = maskArgument?.childForFieldName('value');
    // `mask[rows]`: a row selection of a mask (not a slice of positions).
    const selection = rowsMask?.type === 'subscript' ? rowsMask.childForFieldName('subscript') : undefined;
    if (!rowsMask || !selection || selection.type === 'slice' || /^[-\d]/.test(selection.text) || isInTestFunction(call)) continue;
    const scope = enclosingScope(call);
    const sources = new Set(receivingNames(call));
    if (sources.size === 0) continue;
    const derived = derivedNames(scope, sources, { after: call });
    for (const assignment of descendants(scope, 'assignment')) {
      const right = assignment.childForFieldName('right');
      const read = right && unparenthesized(right);
      if (!read || read.type !== 'subscript' || assignment.startIndex < call.endIndex) continue;
      const index = read.childForFieldName('subscript');
      if (!index || index.type !== 'identifier' || index.text === selection.text || !mentions(read.childForFieldName('value')!, derived)) continue;
      const [target] = targetNames(assignment.childForFieldName('left'));
      if (!target || !nameWords(target).some((w) => ['advantages', 'advantage', 'returns', 'adv', 'values'].includes(w))) continue;
      if (remaskedLater(scope, target, assignment)) continue;
      reports.push({ ...rangeOf(assignment), message: BROADCAST_MESSAGE(target, rowsMask.text), severity: 'warning' });
    }
  }
  return reports;
}

function checkPython(file: PythonFile): RuleReport[] {
  return [...unmaskedWhitening(file), ...broadcastRows(file)].sort((a, b) => a.line - b.line || a.column - b.column);
}

export const unmaskedAfterShift: Rule = {
  meta: {
    code: 'RL204',
    name: 'unmasked-after-shift',
    severity: 'info',
    summary: 'A per-token signal is shifted (masked_whiten) or copied across rows and not multiplied by its response mask again.',
  },
  // Every finding is a `masked_whiten(` call or a call given a row selection of a mask as a keyword, written as
  // PEP 8 writes keywords (`response_mask=data["response_mask"][rows]`, no spaces around `=`).
  triggers: [/masked_whiten\s*\(|mask\w*=(?!=)[\w.]+\[(?!\s*[-\d:])/],
  python: checkPython,
};
