import { calleeMethod, calleeName, descendants, enclosingScope, rangeOf, stringValue, type PyNode, type PythonFile } from '../languages/python';
import { mentions, targetNames } from '../languages/python-flow';
import {
  divisions, isInTestFunction, isMaskSum, isTokenAxis, reducedTensor, reductionDim, subjectName,
  unparenthesized,
} from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** How a mode reduces the tokens of each sequence. */
type TokenReduction = 'token-mean' | 'seq-mean-token-mean' | 'token-sum' | 'token-sum-norm';

/**
 * The token reduction a mode's label names: verl/ROLL `token-mean`, `seq-mean-token-sum`, `seq-mean-token-mean`,
 * `seq-mean-token-sum-norm` (Dr. GRPO), SkyRL `token_mean`, `sequence_mean`, `seq_mean_token_sum_norm`.
 */
function tokenReductionOf(label: string): TokenReduction | undefined {
  const mode = label.toLowerCase().replace(/_/g, '-');
  if (mode === 'token-mean') return 'token-mean';
  if (/^(?:seq|sequence|sample)-mean(?:-token-mean)?$/.test(mode)) return 'seq-mean-token-mean';
  if (/^(?:(?:seq|sequence|sample)-(?:mean|sum)-)?token-sum-norm$/.test(mode)) return 'token-sum-norm';
  if (/^(?:(?:seq|sequence|sample)-(?:mean|sum)-)?token-sum$/.test(mode)) return 'token-sum';
  return undefined;
}

/** What each mode's arithmetic must not do, and why. */
const WRONG_IN: Record<TokenReduction, { perSequenceMean: boolean; maskCount: boolean }> = {
  'token-mean': { perSequenceMean: true, maskCount: false },
  'seq-mean-token-mean': { perSequenceMean: false, maskCount: false },
  'token-sum': { perSequenceMean: true, maskCount: false },
  'token-sum-norm': { perSequenceMean: true, maskCount: true },
};

const MEAN_HELPERS = new Set(['masked_mean', 'masked_average', 'masked_avg']);

const PER_SEQUENCE_MESSAGE = (label: string, what: string) =>
  `The \`${label}\` branch averages each sequence over its tokens (${what}): that is seq-mean-token-mean. ` +
  (label.includes('sum')
    ? 'A token-sum mode sums each sequence\'s tokens, so long answers weigh more; '
    : 'token-mean averages over every token of the batch, so each token weighs the same; ') +
  'this branch trains with another mode\'s objective under its label. Use the reduction the label names.';

const MASK_COUNT_MESSAGE = (label: string) =>
  `The \`${label}\` branch divides by a count of mask tokens: this mode (Dr. GRPO) divides by a constant (the ` +
  'maximum response length), so that the gradient does not depend on how long the answers were. Divide by a constant.';

const DOUBLE_MESSAGE = (mean: string) =>
  `\`${mean}\` is already divided by the number of tokens; dividing it by the mask's sum again averages twice, so ` +
  'each sequence\'s loss shrinks with the square of its length. Divide the masked *sum* by the token count, or use ' +
  'the masked mean alone.';

/** `mode == "token-mean"`, `"token-mean" == mode`, `mode in ("seq-mean-token-sum", ...)`: the labels compared. */
function labelsTested(condition: PyNode): string[] {
  const comparisons = descendants(condition, 'comparison_operator');
  const labels: string[] = [];
  for (const comparison of comparisons) {
    const operators = comparison.children.filter((c) => c && !c.isNamed).map((c) => c!.type);
    if (!operators.every((op) => op === '==' || op === 'in')) continue;
    for (const operand of comparison.namedChildren) {
      const items = operand && ['tuple', 'list', 'set'].includes(operand.type) ? operand.namedChildren : [operand];
      for (const item of items) {
        const label = stringValue(item);
        if (label !== undefined) labels.push(label);
      }
    }
  }
  return labels;
}

/** Every `if`/`elif` branch taken for known mode labels, with the block it runs. */
function modeBranches(root: PyNode): { label: string; reduction: TokenReduction; block: PyNode }[] {
  const branches: { label: string; reduction: TokenReduction; block: PyNode }[] = [];
  for (const node of descendants(root, 'if_statement', 'elif_clause')) {
    const condition = node.childForFieldName('condition');
    const block = node.childForFieldName('consequence');
    if (!condition || !block || condition.type === 'boolean_operator' && /\bnot\b|\bor\b/.test(condition.text)) continue;
    const labels = labelsTested(condition);
    const reductions = [...new Set(labels.map(tokenReductionOf))];
    if (labels.length === 0 || reductions.length !== 1 || reductions[0] === undefined) continue;
    branches.push({ label: labels.join('/'), reduction: reductions[0], block });
  }
  return branches;
}

/** A per-sequence mask count: `mask.sum(-1)`, `torch.sum(loss_mask, dim=1)`; a sequence mask counts sequences. */
function isPerSequenceMaskSum(node: PyNode): boolean {
  const bare = unparenthesized(node);
  if (!isMaskSum(bare)) return false;
  const dataIsArgument = reducedTensor(bare)?.id !== bare.childForFieldName('function')?.childForFieldName('object')?.id;
  return isTokenAxis(reductionDim(bare, dataIsArgument)) && !isSequenceMask(bare);
}

function isSequenceMask(maskSum: PyNode): boolean {
  const words = nameWords(subjectName(reducedTensor(maskSum)!) ?? '');
  return words.some((word) => ['seq', 'sequence', 'sample', 'samples', 'valid'].includes(word));
}

/** The mask counts a divisor reads: itself (`/ (mask.sum(-1) + 1e-8)`), inside clamps and sums with an epsilon. */
function maskSumsIn(divisor: PyNode): PyNode[] {
  return descendants(divisor, 'call').filter((call) => isMaskSum(call) && !isSequenceMask(call));
}

function isMaskedMean(node: PyNode): boolean {
  return node.type === 'call' && MEAN_HELPERS.has(calleeMethod(node));
}

/** Names assigned a masked mean in the function (`seq_losses = masked_mean(loss, mask, dim=-1)`). */
function maskedMeanNames(scope: PyNode): Set<string> {
  const names = new Set<string>();
  for (const assignment of descendants(scope, 'assignment')) {
    const right = assignment.childForFieldName('right');
    if (right && isMaskedMean(unparenthesized(right))) for (const name of targetNames(assignment.childForFieldName('left'))) names.add(name);
  }
  return names;
}

/** A node to report and what to say. */
interface Flagged {
  node: PyNode;
  message: string;
}

function checkBranch(label: string, reduction: TokenReduction, block: PyNode): Flagged[] {
  const wrong = WRONG_IN[reduction];
  const reports: Flagged[] = [];
  if (wrong.perSequenceMean) {
    for (const call of descendants(block, 'call')) {
      if (isMaskedMean(call) && isTokenAxis(reductionDim(call, true))) {
        reports.push({ node: call, message: PER_SEQUENCE_MESSAGE(label, `\`${calleeMethod(call)}(..., dim=${reductionDim(call, true)})\``) });
      }
    }
    for (const { node, divisor } of divisions(block)) {
      const count = maskSumsIn(divisor).find(isPerSequenceMaskSum);
      if (count) reports.push({ node, message: PER_SEQUENCE_MESSAGE(label, `a division by \`${count.text}\``) });
    }
  }
  if (wrong.maskCount) {
    for (const { node, divisor } of divisions(block)) {
      if (maskSumsIn(divisor).length > 0 && !reports.some((r) => r.node.id === node.id)) {
        reports.push({ node, message: MASK_COUNT_MESSAGE(label) });
      }
    }
  }
  return reports;
}

/** `masked_mean(x, mask, dim=-1) / mask.sum(-1)`, directly or through a name: the token count divided out twice. */
function doubleNormalizations(root: PyNode): Flagged[] {
  const reports: Flagged[] = [];
  const namesByScope = new Map<number, Set<string>>();
  for (const { node, numerator, divisor } of divisions(root)) {
    if (maskSumsIn(divisor).length === 0) continue;
    const scope = enclosingScope(node);
    if (!namesByScope.has(scope.id)) namesByScope.set(scope.id, maskedMeanNames(scope));
    const names = namesByScope.get(scope.id)!;
    const bare = unparenthesized(numerator);
    const mean = isMaskedMean(bare) ? bare : descendants(numerator, 'call').find(isMaskedMean);
    if (mean || (names.size > 0 && isNameOnly(bare) && mentions(bare, names))) {
      reports.push({ node, message: DOUBLE_MESSAGE(mean ? `${calleeMethod(mean)}(...)` : bare.text) });
    }
  }
  return reports;
}

/** The name of a loss-aggregation mode: `loss_agg_mode`, `self.loss_reduction`. */
const MODE_NAME = /(?:^|\.)(?:loss_agg_mode|loss_reduction|loss_aggregation)$/;
/** Any of those names in a text: a function whose text has none passes no mode by name. */
const MODE_WORD = /loss_agg_mode|loss_reduction|loss_aggregation/;

const DROPPED_MODE_MESSAGE = (call: string, mode: string) =>
  `\`${call}(...)\` is called without \`${mode}\`, which this function passes to the other losses: this loss then ` +
  'aggregates with its default mode whatever the config says, and the modes of the loss terms disagree. Pass ' +
  `\`loss_agg_mode=${mode}\`.`;

/**
 * A function that passes its aggregation mode to some loss calls and not to another one:
 * `agg_loss(entropy, mask, loss_agg_mode=loss_agg_mode)` beside `compute_policy_loss(old, new, adv, mask)`.
 */
function droppedModes(root: PyNode): Flagged[] {
  const flagged: Flagged[] = [];
  for (const fn of descendants(root, 'function_definition')) {
    // A mode passed by name is in the function's text: the others are not walked call by call.
    if (!MODE_WORD.test(fn.text)) continue;
    const calls = descendants(fn, 'call').filter((call) => enclosingScope(call).id === fn.id);
    const passing = calls.flatMap((call) => (call.childForFieldName('arguments')?.namedChildren ?? [])
      .filter((arg) => arg?.type === 'keyword_argument' && MODE_NAME.test(arg.childForFieldName('value')?.text ?? ''))
      .map((arg) => arg!.childForFieldName('value')!.text));
    const [mode] = passing;
    if (!mode) continue;
    for (const call of calls) {
      const method = calleeMethod(call);
      const args = call.childForFieldName('arguments');
      // A method of the object (`self._compute_ppo_loss(...)`) can read the mode from its own config.
      if (!/loss/i.test(method) || calleeName(call).startsWith('self.') || !args || args.namedChildren.length < 2 || args.text.includes(mode) ||
        /agg|mode|reduction/.test(args.text) || args.namedChildren.some((arg) => arg?.type === 'dictionary_splat')) continue;
      flagged.push({ node: call, message: DROPPED_MODE_MESSAGE(method, mode) });
    }
  }
  return flagged;
}

function isNameOnly(node: PyNode): boolean {
  return node.type === 'identifier' || node.type === 'attribute';
}

function checkPython(file: PythonFile): RuleReport[] {
  const flagged = new Map<number, Flagged>();
  for (const branch of modeBranches(file.root)) {
    for (const found of checkBranch(branch.label, branch.reduction, branch.block)) if (!flagged.has(found.node.id)) flagged.set(found.node.id, found);
  }
  for (const found of [...doubleNormalizations(file.root), ...droppedModes(file.root)]) flagged.set(found.node.id, found);
  return [...flagged.values()]
    .filter(({ node }) => !isInTestFunction(node))
    .sort((a, b) => a.node.startIndex - b.node.startIndex)
    .map(({ node, message }) => ({ ...rangeOf(node), message }));
}

export const lossAggregationMismatch: Rule = {
  meta: {
    code: 'RL205',
    name: 'loss-aggregation-mismatch',
    severity: 'error',
    summary: 'A loss-aggregation branch does the arithmetic of another mode, or divides a masked mean by the token count again.',
  },
  // Every finding reads a mask (a mask count or a masked mean), under a mode label (`token-mean`, `seq-mean-token-sum`,
  // `sequence_mean`), on a masked mean divided again, or beside a mode passed by name (`loss_agg_mode`).
  triggers: ['mask', /token[-_](?:mean|sum)|(?:seq|sequence|sample)[-_]mean|masked_(?:mean|average|avg)\b|loss_agg_mode|loss_reduction|loss_aggregation/],
  python: checkPython,
};
