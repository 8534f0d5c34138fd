import {
  assignmentsTo, calleeMethod, callsNamed, descendants, enclosing, enclosingFunction, enclosingScope, functionName, keywordArgument,
  positionalArguments, rangeOf, type PyNode, type PythonFile,
} from '../languages/python';
import { derivedNames, mentions as mentionsAny } from '../languages/python-flow';
import type { Rule, RuleReport } from '../rule';

/** Spread statistics: dividing by one (or by something computed from one) rescales the data. */
const SPREAD_STATISTICS = ['std', 'var', 'nanstd', 'nanvar', 'stdev', 'pstdev', 'variance', 'pvariance'];

/** Helpers that standardize their first argument with that argument's own statistics. */
const WHITEN_CALLS = ['whiten', 'masked_whiten'];

/** Calls that only change a container's type (`np.array(window)`): the statistic is still the window's. */
const CONVERSIONS = ['array', 'asarray', 'tensor', 'as_tensor', 'stack', 'cat', 'concatenate', 'list', 'tuple', 'fromiter'];

/** What the advice is about: observations, rewards, and returns (value targets). Matched against name segments. */
const NORMALIZED_DATA = /^(rewards?|rews?|obs|observations?|returns?|rets?|scores?)$/i;

/** Flagged with the current batch's own statistics: normalized returns usually *are* the advantage (REINFORCE). */
const BATCH_NORMALIZED_DATA = /^(rewards?|rews?|obs|observations?|scores?)$/i;

/** Advantages are whitened per batch (per group in GRPO) by design. */
const ADVANTAGE = /^(adv|advs|advantages?)$/i;

/** Advantage estimators, where a batch's or a group's own statistics are the method (GRPO, RLOO, REINFORCE++). */
const ADVANTAGE_ESTIMATOR = /^(adv|advantages?|grpo|rloo|reinforce|baseline|group|grouped)$/i;

/**
 * Names that show a function fits a critic or discounts (`values`, `gamma`, `lam`). Only there is a batch's own
 * statistic known to be a batch of training: elsewhere it may be a whole offline dataset, which is all the data.
 */
const CRITIC_CONTEXT = /^(values?|vpreds?|critic|gae|gamma|lam|lambd|lmbda|discount|discounted)$/i;

/** Names of exponential-moving-average coefficients (`decay * m + (1 - decay) * x`). */
const MOVING_AVERAGE_COEFFICIENT = /decay|momentum|beta|alpha|ema|smooth|rho|tau/i;

/** Names of spread statistics: what a moving average must be of to be flagged (a moving-average mean is a baseline). */
const SPREAD_NAME = /std|var|sigma/i;

/** Where a climb from an expression stops: the statement holding it. */
const STATEMENT = /_statement$|^(assignment|augmented_assignment|block|module|lambda|function_definition|class_definition)$/;

/** A value computed from recent data only. */
interface RecentStatistic {
  node: PyNode;
  /** Where the statistics come from, for the message. */
  source: string;
  /** For the current batch's own statistic: the data, which must be what gets normalized. */
  batchData?: PyNode;
  /** The statistic is the `"batch"` mode of a normalizer dispatched on a string (`if norm_type == "batch":`). */
  batchMode?: boolean;
  /**
   * How many assignments the value may pass through on its way to a denominator. One for a batch's own statistic
   * (`std = rewards.std()`): further on it is mixed into running statistics (the parallel-variance update).
   */
  hops: number;
}

/** A normalization: the expression reported, and what it normalizes. */
interface Normalization {
  node: PyNode;
  normalized: PyNode;
}

/** Whether a segment of a name or expression (`episode_rewards`, `RewardScaler`, `batch["obs"]`) matches `pattern`. */
function namesMatch(text: string, pattern: RegExp): boolean {
  return text.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).some((segment) => pattern.test(segment));
}

const message = (source: string) =>
  `Normalized with statistics of recent data only (${source}): keep a running mean/std over all data seen ` +
  '(Welford or parallel-variance update); rescaling by recent data moves the objective under the optimizer.';

function unparenthesized(node: PyNode): PyNode {
  let value = node;
  while (value.type === 'parenthesized_expression' && value.namedChild(0)) value = value.namedChild(0)!;
  return value;
}

function operator(node: PyNode): string | undefined {
  return node.type === 'binary_operator' || node.type === 'augmented_assignment'
    ? node.childForFieldName('operator')?.type
    : undefined;
}

function contains(outer: PyNode, inner: PyNode): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

const isInteger = (node: PyNode) =>
  node.type === 'integer' || (node.type === 'unary_operator' && node.namedChild(0)?.type === 'integer');

/** The data a statistic is computed over: `x` in `np.std(x)`, `torch.std(x, dim=0)`, `x.std()` and `x.std(0)`. */
function statisticData(call: PyNode): PyNode | undefined {
  const callee = call.childForFieldName('function')!;
  const [first] = positionalArguments(call);
  if (callee.type === 'identifier' || (first && !isInteger(first))) return first;
  return callee.childForFieldName('object') ?? undefined;
}

/** No reduction dimension, or the batch dimension 0. A reduction along another dimension is per group (GRPO). */
function reducesWholeBatch(call: PyNode, data: PyNode): boolean {
  const dimension = keywordArgument(call, 'dim') ?? keywordArgument(call, 'axis') ??
    positionalArguments(call).find((argument) => argument.id !== data.id);
  return !dimension || dimension.text === '0';
}

/** `x[-n:]`: the last n values. */
function isRecentSlice(node: PyNode): boolean {
  const slice = node.type === 'subscript' ? node.childForFieldName('subscript') : undefined;
  const start = slice?.type === 'slice' ? slice.child(0) : undefined;
  return slice?.namedChildCount === 1 && start?.type === 'unary_operator' && start.child(0)?.type === '-';
}

/** `np.array(window)`, `torch.tensor(list(window))`: the window itself. */
function withoutConversions(node: PyNode): PyNode {
  let value = unparenthesized(node);
  for (;;) {
    const callee = value.type === 'call' ? value.childForFieldName('function')?.text ?? '' : '';
    const [first] = value.type === 'call' ? positionalArguments(value) : [];
    if (!first || !CONVERSIONS.includes(callee.slice(callee.lastIndexOf('.') + 1))) return value;
    value = unparenthesized(first);
  }
}

/** Where a name lives: its class for `self.x` (every method sees it), else its function. */
function ownerOf(name: PyNode): PyNode {
  return (name.type === 'attribute' && enclosing(name, 'class_definition')) || enclosingScope(name);
}

/** The values bound to a name by `=`: in its class for `self.x`, else in its function (then the module). */
function bindingsOf(name: PyNode): PyNode[] {
  const valuesOf = (assignments: PyNode[]) => assignments
    .filter((a) => a.type === 'assignment' && a.childForFieldName('left')?.text === name.text)
    .map((a) => a.childForFieldName('right'))
    .filter((value): value is PyNode => value !== null);
  if (name.type === 'attribute') return valuesOf(descendants(ownerOf(name), 'assignment'));
  const local = valuesOf(assignmentsTo(enclosingScope(name), name.text));
  if (local.length > 0) return local;
  let module = name;
  while (module.parent) module = module.parent;
  return valuesOf(assignmentsTo(module, name.text));
}

/** Where a name is read: in its function for a local, in its class for `self.x`. */
function usesOf(name: PyNode): PyNode[] {
  if (name.type === 'attribute') return descendants(ownerOf(name), 'attribute').filter((a) => a.text === name.text);
  return descendants(ownerOf(name), 'identifier').filter((identifier) => {
    const parent = identifier.parent;
    const isField = (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === identifier.id) ||
      (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === identifier.id);
    return identifier.text === name.text && !isField;
  });
}

/** The `maxlen` of `deque(..., maxlen=n)` or `deque(values, n)`; undefined for an unbounded deque or another value. */
function dequeMaxlen(value: PyNode): PyNode | undefined {
  const callee = value.type === 'call' ? value.childForFieldName('function')?.text : undefined;
  if (callee !== 'deque' && callee !== 'collections.deque') return undefined;
  const maxlen = keywordArgument(value, 'maxlen') ?? positionalArguments(value)[1];
  return maxlen?.type === 'none' ? undefined : maxlen;
}

function sliceLength(slice: PyNode): string {
  return slice.childForFieldName('subscript')!.child(0)!.namedChild(0)!.text;
}

/** `x.pop(0)`, `x.popleft()`: a list kept as a sliding window. */
function isTrimmedFromFront(name: PyNode): boolean {
  return callsNamed(ownerOf(name), 'pop', 'popleft').some((call) => {
    const callee = call.childForFieldName('function')!;
    if (callee.childForFieldName('object')?.text !== name.text) return false;
    const [index] = positionalArguments(call);
    return callee.childForFieldName('attribute')?.text === 'popleft' || index?.text === '0';
  });
}

/**
 * How `data` holds recent values only, for the message; undefined when it does not, or when that cannot be told.
 * Follows names through `depth` assignments (`buffer = np.array(self.window)`).
 */
function windowOf(data: PyNode, depth = 2): string | undefined {
  const value = withoutConversions(data);
  if (isRecentSlice(value)) return `\`${value.text}\`, the last ${sliceLength(value)} values`;
  if (value.type !== 'identifier' && value.type !== 'attribute') return undefined;
  if (isTrimmedFromFront(value)) return `\`${value.text}\`, trimmed with pop(0)`;
  for (const binding of depth > 0 ? bindingsOf(value) : []) {
    const maxlen = dequeMaxlen(binding);
    const window = maxlen ? `\`${value.text}\`, a deque(maxlen=${maxlen.text})` : windowOf(binding, depth - 1);
    if (window) return window;
  }
  return undefined;
}

function isMovingAverageCoefficient(node: PyNode): boolean {
  const value = unparenthesized(node);
  if (value.type === 'float') return Number(value.text) > 0 && Number(value.text) < 1;
  if (operator(value) === '-' && /^1(\.0*)?$/.test(value.childForFieldName('left')!.text)) {
    return isMovingAverageCoefficient(value.childForFieldName('right')!);
  }
  if (value.type === 'attribute') return MOVING_AVERAGE_COEFFICIENT.test(value.childForFieldName('attribute')!.text);
  // A local computed from counts (`alpha = n / (n + 1)`) is a running mean, not a moving average.
  return value.type === 'identifier' && MOVING_AVERAGE_COEFFICIENT.test(value.text) &&
    bindingsOf(value).every((binding) => binding.type === 'float');
}

/** `x` in `k * x` or `x * k`, where `k` is a moving-average coefficient. */
function decayedFactor(node: PyNode): PyNode | undefined {
  const term = unparenthesized(node);
  if (operator(term) !== '*') return undefined;
  const [left, right] = [term.childForFieldName('left')!, term.childForFieldName('right')!];
  if (isMovingAverageCoefficient(left)) return unparenthesized(right);
  return isMovingAverageCoefficient(right) ? unparenthesized(left) : undefined;
}

function mentions(node: PyNode | undefined, name: PyNode): boolean {
  return node !== undefined && descendants(node, name.type).some((n) => n.text === name.text);
}

/** `m = 0.99 * m + 0.01 * x`, `m = m + k * (x - m)`, `m += k * (x - m)`. */
function isMovingAverageUpdate(update: PyNode, target: PyNode): boolean {
  const right = update.childForFieldName('right');
  if (!right) return false; // `x: float`, an annotation only
  const value = unparenthesized(right);
  if (update.type === 'augmented_assignment') {
    return (operator(update) === '+=' || operator(update) === '-=') && mentions(decayedFactor(value), target);
  }
  if (operator(value) !== '+') return false;
  const terms = [value.childForFieldName('left')!, value.childForFieldName('right')!];
  return terms.some((term) => decayedFactor(term)?.text === target.text) ||
    (terms.some((term) => term.text === target.text) && terms.some((term) => mentions(decayedFactor(term), target)));
}

/** `m.mul_(k).add_(x, alpha=1 - k)`, `m.lerp_(x, k)`: the in-place torch forms. */
function isInPlaceMovingAverage(call: PyNode): boolean {
  if (calleeMethod(call) === 'lerp_') return true;
  const [factor] = positionalArguments(call);
  const chained = call.parent?.type === 'attribute' && call.parent.childForFieldName('attribute')?.text === 'add_';
  return chained && factor !== undefined && isMovingAverageCoefficient(factor);
}

/** Spread statistics (by name: `reward_std`, `running_var`, `sigma`) kept as exponential moving averages. */
function movingAverages(root: PyNode): PyNode[] {
  const updated = descendants(root, 'assignment', 'augmented_assignment')
    // The target's name is in the update's text: a look at the text first, the tree only for the few that pass.
    .filter((update) => SPREAD_NAME.test(update.text) && isMovingAverageUpdate(update, update.childForFieldName('left')!))
    .map((update) => update.childForFieldName('left')!);
  const inPlace = callsNamed(root, 'mul_', 'lerp_')
    .filter(isInPlaceMovingAverage)
    .map((call) => call.childForFieldName('function')!.childForFieldName('object')!);
  return [...updated, ...inPlace].filter(
    (name) => (name.type === 'identifier' || name.type === 'attribute') && SPREAD_NAME.test(name.text),
  );
}

function windowStatistics(root: PyNode): RecentStatistic[] {
  return callsNamed(root, ...SPREAD_STATISTICS).flatMap((call) => {
    const data = statisticData(call);
    const source = data && windowOf(data);
    return source ? [{ node: call, source, hops: 2 }] : [];
  });
}

function movingAverageStatistics(root: PyNode): RecentStatistic[] {
  return movingAverages(root).flatMap((name) =>
    usesOf(name).map((use) => ({ node: use, source: `\`${name.text}\`, an exponential moving average`, hops: 2 })));
}

function batchStatistics(root: PyNode): RecentStatistic[] {
  return callsNamed(root, ...SPREAD_STATISTICS).flatMap((call) => {
    const data = statisticData(call);
    if (!data || !reducesWholeBatch(call, data) || !namesMatch(data.text, BATCH_NORMALIZED_DATA)) return [];
    const batchMode = isBatchMode(call);
    const source = `\`${call.text}\`, the current batch's own statistic${batchMode ? ' (the normalizer\'s "batch" mode)' : ''}`;
    return [{ node: call, source, batchData: data, hops: 1, ...(batchMode ? { batchMode } : {}) }];
  });
}

/** Under `if norm_type == "batch":` (or an `elif` of it): the batch mode of a string-dispatched normalizer. */
function isBatchMode(node: PyNode): boolean {
  for (let p = node.parent; p && p.type !== 'function_definition'; p = p.parent) {
    if (p.type !== 'if_statement' && p.type !== 'elif_clause') continue;
    const condition = p.childForFieldName('condition');
    if (condition?.type === 'comparison_operator' && descendants(condition, 'string').some((s) => /^["']batch["']$/.test(s.text))) return true;
  }
  return false;
}

/** Names of values normalized critic-side: a learned value function in the function (`values`, `vpreds`, `critic`). */
const LEARNED_CRITIC = /^(values|vpreds?|critic)$/i;

/**
 * The statement an expression sits in, and the division whose denominator it is in, if any
 * (climbing through `+ eps`, `sqrt(...)`, `max(...)`).
 */
function climb(node: PyNode): { division?: Normalization; statement?: PyNode; child: PyNode } {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    const divides = operator(parent) === '/' || operator(parent) === '/=';
    if (divides && parent.childForFieldName('right')?.id === child.id) {
      return { division: { node: parent, normalized: parent.childForFieldName('left')! }, child };
    }
    if (STATEMENT.test(parent.type)) return { statement: parent, child };
  }
  return { child };
}

/** The name an expression is assigned to: `std` in `std = np.std(w) + 1e-8`, `s` in `m, s = np.mean(w), np.std(w)`. */
function assignedName(node: PyNode): PyNode | undefined {
  const { statement, child } = climb(node);
  if (statement?.type !== 'assignment' || statement.childForFieldName('right')?.id !== child.id) return undefined;
  const left = statement.childForFieldName('left')!;
  if (child.type === 'expression_list' && (left.type === 'pattern_list' || left.type === 'tuple_pattern')) {
    const index = child.namedChildren.findIndex((element) => element !== null && contains(element, node));
    return index >= 0 ? left.namedChild(index) ?? undefined : undefined;
  }
  return left.type === 'identifier' || left.type === 'attribute' ? left : undefined;
}

/** Divisions whose denominator a value reaches, directly or through up to `hops` assignments (`std = ...; r / std`). */
function divisionsReached(node: PyNode, hops: number): Normalization[] {
  const { division } = climb(node);
  if (division) return [division];
  const name = hops > 0 ? assignedName(node) : undefined;
  return name ? usesOf(name).flatMap((use) => divisionsReached(use, hops - 1)) : [];
}

function enclosingNames(node: PyNode): string[] {
  return [enclosingFunction(node), enclosing(node, 'class_definition')]
    .map((definition) => (definition ? functionName(definition) : ''));
}

/** Whether the function around `node` names a critic or a discount, method calls (`d.values()`) aside. */
function trainsCritic(node: PyNode): boolean {
  return descendants(enclosingScope(node), 'identifier').some((identifier) => {
    const parent = identifier.parent;
    const calledMethod = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === identifier.id &&
      parent.parent?.type === 'call';
    return !calledMethod && namesMatch(identifier.text, CRITIC_CONTEXT);
  });
}

function mentionsLearnedCritic(node: PyNode): boolean {
  return descendants(enclosingScope(node), 'identifier').some((identifier) => LEARNED_CRITIC.test(identifier.text));
}

function normalizesData(normalization: Normalization, statistic: RecentStatistic): boolean {
  const { statement } = climb(normalization.node);
  const target = statement?.type === 'assignment' || statement?.type === 'augmented_assignment'
    ? statement.childForFieldName('left')!.text
    : '';
  if (namesMatch(normalization.normalized.text, ADVANTAGE) || namesMatch(target, ADVANTAGE)) return false;
  if (statistic.batchData) {
    // The normalized value holds the batch's data: by name, or through names of the function derived from it.
    const data = statistic.batchData;
    const named = descendants(normalization.normalized, data.type).some((n) => n.text === data.text);
    if (!named && !mentionsAny(normalization.normalized, derivedNames(enclosingScope(normalization.node), [data.text]))) return false;
    if (statistic.batchMode) return true;
    // An advantage estimator standardizes by design, unless a learned critic's values are in it: then the rewards
    // whitened there are the critic's targets, and their scale changes with every batch.
    const estimator = enclosingNames(normalization.node).some((name) => namesMatch(name, ADVANTAGE_ESTIMATOR));
    return trainsCritic(normalization.node) && (!estimator || mentionsLearnedCritic(normalization.node));
  }
  return [normalization.normalized.text, target, statistic.source, ...enclosingNames(normalization.node)]
    .some((text) => namesMatch(text, NORMALIZED_DATA));
}

/** `rewards = masked_whiten(rewards, mask)`: the batch standardized with its own statistics. */
function whitenings(root: PyNode): { normalization: Normalization; statistic: RecentStatistic }[] {
  return callsNamed(root, ...WHITEN_CALLS).flatMap((call) => {
    const [data] = positionalArguments(call);
    if (!data || !namesMatch(data.text, BATCH_NORMALIZED_DATA)) return [];
    const helper = call.childForFieldName('function')!.text;
    const source = `\`${helper}(${data.text}, ...)\`, the current batch's own statistics`;
    const statistic = { node: call, source, batchData: data, hops: 0 };
    return [{ normalization: { node: call, normalized: data }, statistic }];
  });
}

function checkPython(file: PythonFile): RuleReport[] {
  const candidates = [
    ...[...windowStatistics(file.root), ...movingAverageStatistics(file.root), ...batchStatistics(file.root)]
      .flatMap((statistic) => divisionsReached(statistic.node, statistic.hops)
        .map((normalization) => ({ normalization, statistic }))),
    ...whitenings(file.root),
  ];
  const reported = new Map<number, RuleReport>();
  for (const { normalization, statistic } of candidates) {
    if (reported.has(normalization.node.startIndex) || !normalizesData(normalization, statistic)) continue;
    // The batch mode of a normalizer is one option among several, harmful only where a critic learns from the result: info.
    const severity = statistic.batchMode ? { severity: 'info' as const } : {};
    reported.set(normalization.node.startIndex, { ...rangeOf(normalization.node), message: message(statistic.source), ...severity });
  }
  return [...reported.entries()].sort(([a], [b]) => a - b).map(([, report]) => report);
}

export const recentWindowNormalization: Rule = {
  meta: {
    code: 'RL103',
    name: 'recent-window-normalization',
    severity: 'warning',
    summary: 'Observations or rewards are normalized with statistics of recent data only, not running statistics.',
  },
  // Every finding starts from a SPREAD_STATISTICS or WHITEN_CALLS call, an in-place `lerp_(` or `mul_(k).add_(`,
  // or a moving average assigned to a target that SPREAD_NAME matches: a `=` with such a word before it on its
  // line, and the `*` of the decay after it there, unless the value goes on to the next line (a backslash ends the
  // line, or a bracket opened after the `=` is not closed on it).
  triggers: [
    /\b(?:nan)?(?:std|var)\s*\(|\bp?(?:stdev|variance)\s*\(|\b(?:masked_)?whiten\s*\(|\blerp_\s*\(|\bmul_\s*\((?:[^()]|\([^()]*\))*\)\s*\.\s*add_|(?:std|var|sigma)[^=\n]*=(?!=)(?:[^\n]*\*|[^\n]*\\[ \t]*$|[^\n]*[([{](?![^\n]*[)\]}]))/im,
  ],
  python: checkPython,
};
