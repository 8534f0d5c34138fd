import { calleeName, descendants, enclosingScope, positionalArguments, rangeOf, type PyNode, type PythonFile } from '../languages/python';
import { mentions, targetNames } from '../languages/python-flow';
import {
  divisions, isInTestFunction, isMaskName, isMaskSum, operatorOf, reducedTensor, subjectName, unparenthesized,
} from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Words of a loss normalizer: `num_items_in_batch`, `num_tokens`, `total_tokens`, `loss_scale`, `token_count`, `normalizer`. */
const NORMALIZER_WORDS = new Set(['tokens', 'items', 'normalizer', 'denominator', 'denom', 'count', 'scale']);

const STALE_MESSAGE = (normalizer: string, mask: string, line: number) =>
  `\`${normalizer}\` counts the tokens of \`${mask}\` before line ${line} masks more of them out: the loss sums only ` +
  'the tokens that are still masked in, but divides by a count that includes the ones masked later (truncated ' +
  'completions, tool or environment tokens), so those samples shrink every gradient. Count the final loss mask.';

const MIN_MESSAGE = (text: string) =>
  `\`${text}\` caps the loss normalizer at 1 instead of flooring it: min(count, 1) is 1 for any non-empty batch, so ` +
  'the loss is never divided by its token count. Use max(count, 1) (or clamp(min=1)).';

/** Names that are a loss's denominator whatever their value: what TRL, verl and prime-rl divide the loss by. */
const LOSS_DENOMINATORS = /^(?:num_items_in_batch|batch_num_tokens|loss_scale|loss_normalizer|normalizer)$/;

/** The masks a loss is summed over: `completion_mask`, `response_mask`, `loss_mask`, `action_mask`. */
const LOSS_MASK = /^(?:completion|response|loss|action|label)s?_masks?$/;

function isNormalizerName(name: string | undefined): boolean {
  if (!name) return false;
  const words = nameWords(name);
  return words.some((word) => NORMALIZER_WORDS.has(word)) && !words.some((word) => ['mask', 'ids', 'metrics', 'seen', 'factor'].includes(word));
}

/** The mask summed by a normalizer's value (`loss_mask.sum()`, `gather(completion_mask.sum()).sum()`), if any. */
function summedMask(value: PyNode): PyNode | undefined {
  const sum = descendants(value, 'call').find((call) => isMaskSum(call));
  const tensor = sum && reducedTensor(sum);
  const base = tensor && unparenthesized(tensor);
  return base && (base.type === 'identifier' || base.type === 'attribute') ? base : undefined;
}

/** A statement that masks out more of `mask`: `mask = mask * keep`, `mask *= keep`, `mask[rows] = 0`, `mask &= keep`. */
function isFurtherMasking(statement: PyNode, mask: string): boolean {
  const left = statement.childForFieldName('left');
  const right = statement.childForFieldName('right');
  if (!left || !right) return false;
  if (statement.type === 'augmented_assignment') {
    return left.text === mask && ['*=', '&=', '-='].includes(operatorOf(statement)!);
  }
  if (left.type === 'subscript' && left.childForFieldName('value')?.text === mask) return /^0(?:\.0*)?$|^False$/.test(right.text);
  if (left.text !== mask) return false;
  const value = unparenthesized(right);
  return ['*', '&'].includes(operatorOf(value) ?? '') && mentions(value, new Set([mask]));
}

/** The name a statement writes to, for `x = ...`, `x *= ...` and `x[i] = ...`. */
function maskTarget(statement: PyNode): string | undefined {
  const left = statement.childForFieldName('left');
  const base = left?.type === 'subscript' ? left.childForFieldName('value') : left;
  return base && (base.type === 'identifier' || base.type === 'attribute') ? base.text : undefined;
}

/** `num_items_in_batch = mask.sum()`, then `mask = mask * ~truncated`, and the count is not taken again. */
function staleNormalizers(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const assignment of descendants(file.root, 'assignment')) {
    const target = targetNames(assignment.childForFieldName('left')).find((name) => isNormalizerName(name.split(/[.[]/).at(-1)));
    const right = assignment.childForFieldName('right');
    if (!target || !right || isInTestFunction(assignment)) continue;
    // The count of a mask; or a loss denominator bound from elsewhere (`(..., num_items_in_batch) = self._generate()`),
    // which can only count the loss masks as they were before this function masks them further.
    const counted = summedMask(right);
    const bare = target.split(/[.[]/).at(-1)!;
    if (!counted && !LOSS_DENOMINATORS.test(bare)) continue;
    const scope = enclosingScope(assignment);
    const later = descendants(scope, 'assignment', 'augmented_assignment').filter((s) => s.startIndex > assignment.endIndex);
    const maskings = later.map((s) => ({ s, mask: counted?.text ?? maskTarget(s) })).filter(({ s, mask }) =>
      mask !== undefined && (counted !== undefined || LOSS_MASK.test(mask)) && isFurtherMasking(s, mask));
    if (maskings.length === 0) continue;
    const { s: masking, mask } = maskings[0];
    // Counted again after the masking: the later count is the one used.
    const recounted = later.some((s) => s.startIndex > masking.endIndex && targetNames(s.childForFieldName('left')).includes(target));
    // Reported on the name, which a tuple unpacking may put lines below the assignment's start.
    const name = descendants(assignment.childForFieldName('left')!, 'identifier', 'attribute', 'subscript').find((n) => n.text === target);
    if (!recounted) reports.push({ ...rangeOf(name ?? assignment), message: STALE_MESSAGE(target, mask!, masking.startPosition.row + 1) });
  }
  return reports;
}

/** `loss / min(loss_scale, 1)`: a normalizer capped at one. */
function cappedNormalizers(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const division of divisions(file.root)) {
    const { node } = division;
    const divisor = unparenthesized(division.divisor);
    if (divisor.type !== 'call' || calleeName(divisor) !== 'min') continue;
    const args = positionalArguments(divisor);
    const one = args.find((arg) => /^1(?:\.0*)?$/.test(arg.text));
    const count = args.find((arg) => arg !== one);
    if (args.length !== 2 || !one || !count || isInTestFunction(node)) continue;
    if (isNormalizerName(subjectName(count)) || isMaskName(subjectName(count)) || /\.sum\(|numel\(/.test(count.text)) {
      reports.push({ ...rangeOf(divisor), message: MIN_MESSAGE(divisor.text) });
    }
  }
  return reports;
}

function checkPython(file: PythonFile): RuleReport[] {
  return [...staleNormalizers(file), ...cappedNormalizers(file)].sort((a, b) => a.line - b.line || a.column - b.column);
}

export const staleLossNormalizer: Rule = {
  meta: {
    code: 'RL206',
    name: 'stale-loss-normalizer',
    severity: 'warning',
    summary: 'A loss normalizer counts tokens that a later mask removes, or is capped with min(count, 1).',
  },
  // Every finding counts a mask into a normalizer or binds a LOSS_DENOMINATORS name (`sum` or the name), then masks
  // further: `mask *= keep`, `mask = mask * keep` (a mask assigned a `*` or `&` of itself, on one line),
  // `mask[rows] = 0`; or it divides by `min(`.
  triggers: [
    // The normalizer, or a `/ min(`.
    /sum|num_items_in_batch|batch_num_tokens|loss_scale|normalizer|\/\s*min\s*\(/,
    // The further masking, or a `/ min(`. Each alternative starts with `mask` (fast to look for): the mask assigned
    // a `*` or `&` of itself is found by the end of its name recurring on the line.
    /mask\w*\s*[*&-]=|mask(\w*)\s*=(?!=)[^\n]*?(?:mask\1\b[^\n]*[*&]|[*&][^\n]*mask\1\b)|mask\w*\[[^\]\n]*\]\s*=\s*(?:0|False)\b|\/\s*min\s*\(/,
  ],
  python: checkPython,
};
