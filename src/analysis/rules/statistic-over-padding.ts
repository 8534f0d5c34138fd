import {
  calleeMethod, callsNamed, descendants, enclosingScope, parametersOf, rangeOf, type PyNode, type PythonFile,
} from '../languages/python';
import { derivedNames, mentions, references, targetNames } from '../languages/python-flow';
import {
  isInTestFunction, isMaskName, isTokenAxis, reducedTensor, reductionDim, subjectName, unparenthesized,
} from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Order statistics: a threshold over every token of the batch (high-entropy token selection, clipping by percentile). */
const ORDER_STATISTICS = ['quantile', 'nanquantile', 'median', 'nanmedian', 'percentile', 'nanpercentile', 'kthvalue'];

/** Per-token quantities, by a word of their name (`entropies`, `per_token_logps`, `token_losses`, `kl`, `log_ratio`). */
const PER_TOKEN_WORDS = new Set([
  'entropy', 'entropies', 'logp', 'logps', 'logprob', 'logprobs', 'kl', 'kld', 'ratio', 'ratios', 'loss', 'losses',
  'nll', 'mat',
]);

/** Two-word spellings: `log_probs`, `per_token_x`, `token_losses`. */
const PER_TOKEN_PAIRS = [['log', 'probs'], ['log', 'prob'], ['per', 'token'], ['token', 'level']];

/** Words that make a name a per-sequence or per-group value, or a statistic already (`seq_kl`, `kl_mean`, `mean_ratio`). */
const NOT_PER_TOKEN_WORDS = new Set([
  'seq', 'sequence', 'sequences', 'sample', 'samples', 'group', 'grouped', 'mean', 'avg', 'sum', 'total', 'batch',
  'threshold', 'coef', 'max', 'min', 'std', 'metrics', 'stats', 'reward', 'rewards', 'score', 'scores',
]);

const MESSAGE = (statistic: string, tensor: string, masks: string) =>
  `\`${statistic}\` takes a statistic of \`${tensor}\` over every position, padding included, while ${masks} is in ` +
  'scope: padded positions (zeros, or whatever the model output there) shift the threshold or the mean, and the ' +
  'shift changes with how much padding the batch has. Select the real tokens first (`x[mask.bool()]`) or use a ' +
  'masked statistic (`(x * mask).sum(-1) / mask.sum(-1)`, `masked_mean(x, mask)`).';

function isPerTokenName(name: string | undefined): boolean {
  if (!name) return false;
  const words = nameWords(name);
  if (words.some((word) => NOT_PER_TOKEN_WORDS.has(word))) return false;
  if (words.some((word) => PER_TOKEN_WORDS.has(word))) return true;
  return PER_TOKEN_PAIRS.some(([a, b]) => words.some((word, i) => word === a && words[i + 1] === b));
}

/** `x`, `x.flatten()`, `x.view(-1)`, `x.float()`: the tensor itself, through layout and dtype changes. */
function baseTensor(node: PyNode): PyNode {
  let value = unparenthesized(node);
  while (value.type === 'call' && value.childForFieldName('function')?.type === 'attribute' &&
    ['flatten', 'view', 'reshape', 'float', 'detach', 'contiguous', 'to', 'ravel', 'double'].includes(calleeMethod(value))) {
    value = unparenthesized(value.childForFieldName('function')!.childForFieldName('object')!);
  }
  return value;
}

/** The token masks a function can see: its mask parameters and the masks it assigns or reads (`inputs["completion_mask"]`). */
function masksOf(scope: PyNode): string[] {
  const names = new Set<string>();
  if (scope.type === 'function_definition') for (const { name } of parametersOf(scope)) if (isTokenMask(name)) names.add(name);
  for (const assignment of descendants(scope, 'assignment')) {
    for (const name of targetNames(assignment.childForFieldName('left'))) if (isTokenMask(name.split(/[.[]/).at(-1)!)) names.add(name);
  }
  for (const reference of references(scope)) if (isTokenMask(subjectName(reference.node))) names.add(reference.name);
  return [...names];
}

/** A mask over tokens: not a sequence or group mask (`seq_mask`, `valid_mask` of rows), not a causal attention mask. */
function isTokenMask(name: string | undefined): boolean {
  if (!isMaskName(name)) return false;
  const words = nameWords(name!);
  return !words.some((word) => ['seq', 'sequence', 'sample', 'group', 'causal', 'is', 'has', 'entropy', 'high'].includes(word));
}

interface Statistic {
  call: PyNode;
  tensor: PyNode;
}

/** Order statistics of a tensor, and means along the token axis (`x.mean(-1)`, `torch.mean(x, dim=1)`). */
function statistics(root: PyNode): Statistic[] {
  const found: Statistic[] = [];
  for (const call of callsNamed(root, ...ORDER_STATISTICS, 'mean', 'nanmean')) {
    const tensor = reducedTensor(call);
    if (!tensor) continue;
    const method = calleeMethod(call);
    if (method === 'mean' || method === 'nanmean') {
      const dataIsArgument = tensor.id !== call.childForFieldName('function')?.childForFieldName('object')?.id;
      if (!isTokenAxis(reductionDim(call, dataIsArgument))) continue;
    }
    found.push({ call, tensor });
  }
  return found;
}

/**
 * Whether `node` applies one of `masks` to a tensor: selects with it (`x[mask.bool()]`), weights by it (`x * mask`),
 * or passes it to a masking call (`masked_mean(x, mask)`, `x.masked_fill(~mask, 0)`, `torch.where(mask, x, 0)`).
 */
function appliesMask(node: PyNode, masks: ReadonlySet<string>): boolean {
  const isMask = (n: PyNode | null | undefined) => n !== null && n !== undefined && mentions(n, masks);
  for (const subscript of descendants(node, 'subscript')) if (isMask(subscript.childForFieldName('subscript'))) return true;
  for (const product of descendants(node, 'binary_operator')) {
    if (product.childForFieldName('operator')?.type === '*' &&
      (isMask(product.childForFieldName('left')) || isMask(product.childForFieldName('right')))) return true;
  }
  return descendants(node, 'call').some((call) => /mask|where/i.test(calleeMethod(call)) && isMask(call.childForFieldName('arguments')));
}

/** The names of `scope` assigned a masked tensor, and the names computed from those. */
function maskedNames(scope: PyNode, masks: string[]): Set<string> {
  const maskSet = new Set(masks);
  const seeds = descendants(scope, 'assignment', 'augmented_assignment')
    .filter((assignment) => appliesMask(assignment.childForFieldName('right') ?? assignment, maskSet))
    .flatMap((assignment) => targetNames(assignment.childForFieldName('left')));
  return seeds.length ? derivedNames(scope, seeds) : new Set();
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  const masksByScope = new Map<number, { masks: string[]; masked: Set<string> }>();
  for (const { call, tensor } of statistics(file.root)) {
    const base = baseTensor(tensor);
    if (!(base.type === 'identifier' || base.type === 'attribute' || base.type === 'subscript') || !isPerTokenName(subjectName(base))) continue;
    if (isInTestFunction(call)) continue;
    const scope = enclosingScope(call);
    if (!masksByScope.has(scope.id)) {
      const masks = masksOf(scope);
      masksByScope.set(scope.id, { masks, masked: masks.length ? maskedNames(scope, masks) : new Set() });
    }
    const { masks, masked } = masksByScope.get(scope.id)!;
    // Silent when the tensor was selected or weighted by a mask on its way here (`x = x[mask.bool()]`, `x * mask`).
    if (masks.length === 0 || appliesMask(tensor, new Set(masks)) || mentions(tensor, masked)) continue;
    const maskList = masks.slice(0, 2).map((m) => `\`${m}\``).join(' and ');
    reports.push({ ...rangeOf(call), message: MESSAGE(call.text.length > 60 ? `${calleeMethod(call)}(...)` : call.text, base.text, maskList) });
  }
  return reports;
}

export const statisticOverPadding: Rule = {
  meta: {
    code: 'RL203',
    name: 'statistic-over-padding',
    severity: 'warning',
    summary: 'A quantile or a per-sequence mean of a per-token tensor counts padding while its mask is in scope.',
  },
  // Every finding is an ORDER_STATISTICS call or a `mean(` along an axis, in a function that names a mask.
  triggers: ['mask', /\b(?:nan)?(?:quantile|median|percentile|kthvalue)\s*\(|\bmean\s*\((?:[^()]|\([^()]*\))*?(?:-\s*1|\b1)\b/],
  python: checkPython,
};
