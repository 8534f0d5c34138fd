import type { Node as MorphNode } from 'ts-morph';
import {
  assignmentsTo, calleeMethod, calleeName, descendants, enclosing, enclosingScope, functionName, isInTestCode,
  keywordArgument, parametersOf, positionalArguments, rangeOf, type PyNode, type PythonFile,
} from '../languages/python';
import { mentions, targetNames } from '../languages/python-flow';
import { nameWords } from '../names';
import { tsRangeOf, type TypeScriptFile } from '../languages/typescript';
import type { Rule, RuleReport } from '../rule';

/** Words that make a name a reward (`reward`, `step_reward`, `token_level_rewards`, baselines' `rew`). */
const REWARD_WORDS = new Set(['reward', 'rewards', 'rew', 'rews']);

/** Trailing words that still name the reward itself (`reward_tensor`), not an index or a count of rewards. */
const CONTAINER_WORDS = new Set(['tensor', 'tensors', 'list', 'arr', 'array', 'batch', 't']);

/** Words that make a name a constant offset or a statistic (`self.baseline`, `reward_mean`, `OFFSET`). */
const SHIFT_WORDS = new Set(['baseline', 'mean', 'avg', 'average', 'offset', 'shift', 'bias', 'min', 'median']);

/** Words that make a reward-named value a statistic or a count of rewards (`std_rewards`, `num_rewards`), not a reward. */
const SUMMARY_WORDS = new Set([...SHIFT_WORDS, 'std', 'var', 'max', 'sum', 'num', 'count']);

/** Words of a running total of logged values (`total_chosen_rewards`, `cum_reward`, `reward_sum`), not a reward. */
const ACCUMULATOR_WORDS = new Set(['total', 'cum', 'cumulative', 'running', 'acc', 'accum', 'accumulated', 'sum', 'sums']);

/** Reward-model outputs by their last word (`scores`, `rm_scores`, `ensemble_rs`): reward-like when they feed a reward. */
const SCORE_WORDS = new Set(['score', 'scores', 'rs']);

/** Calls whose result is a reward model's score: `reward_model(...)`, `self.rm(...)`, `get_rewards(...)`. */
const SCORING_CALL = /reward|(?:^|[._])rm(?:$|[._])/i;

/** Names that say a statistic is kept over the run (`running.mean`, `self.running_moments.mean`, `moving_mean`). */
const RUNNING_STATISTIC = /running|moving|\bema\b|_ema|ema_/i;

/** Spread statistics a two-step standardization divides by (`rewards / rewards.std()`, `/ (std + eps)`). */
const SPREAD = /std|sigma|stdev/i;

/** A constant per-step penalty or bonus: the very shift that changes the agent's will to live. */
const STEP_PENALTY = /(time|step|living|alive|survival)_?(penalty|bonus|cost)/i;

/** Reductions that are statistics of a batch; with a dim/axis they are per-group baselines (GRPO, RLOO), not shifts. */
const STATISTICS = new Set(['mean', 'nanmean', 'min', 'amin', 'nanmin', 'median', 'nanmedian', 'average', 'fmean']);

/** Modules whose reductions take the data as first argument (`np.mean(rewards)`), unlike methods (`rewards.mean()`). */
const ARRAY_MODULES = new Set(['np', 'numpy', 'torch', 'jnp', 'statistics', 'tf', 'math']);

/** Branches that decide per outcome: a shift under one is a shaping term (`if not valid: reward -= 1`). Loops are not branches. */
const OUTCOME_BRANCHES = ['if_statement', 'conditional_expression', 'match_statement', 'except_clause'];

/** Functions that compute advantages: `return rewards - baseline` there is the advantage, not a reward. */
const ADVANTAGE_FUNCTION = /adv/i;

const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

/** The end of a name that isRewardName or isRewardModelScore accepts, as a pattern: a reward or score word, then container words. */
const REWARD_NAME_END = String.raw`(?:${[...REWARD_WORDS, 'score', 'scores', '_rs'].join('|')})(?:_*(?:${[...CONTAINER_WORDS].join('|')}))*_*(?![A-Za-z0-9_])`;

/** A reward itself: not a statistic of rewards (`mean_reward` is logged, not trained on). */
function isRewardName(name: string): boolean {
  const parts = nameWords(name);
  while (parts.length > 1 && CONTAINER_WORDS.has(parts.at(-1)!)) parts.pop();
  return REWARD_WORDS.has(parts.at(-1) ?? '') && !parts.some((w) => SUMMARY_WORDS.has(w));
}

/** A reward component (`format_reward + answer_reward`) is composed with a reward, not a shift of it. */
function isRewardComponentName(name: string): boolean {
  const words = nameWords(name);
  return !CONSTANT_NAME.test(name) && words.some((w) => REWARD_WORDS.has(w)) && !words.some((w) => SHIFT_WORDS.has(w));
}

/** A constant (`OFFSET`) or a statistic (`self.baseline`, `reward_mean`) by its name. */
function isShiftName(name: string): boolean {
  if (isRewardComponentName(name)) return false;
  return CONSTANT_NAME.test(name) || nameWords(name).some((w) => SHIFT_WORDS.has(w)) || STEP_PENALTY.test(name);
}

function message(shift: string): string {
  return `Reward shifted by \`${shift}\`: in episodic tasks a constant or a statistic added to the reward changes the ` +
    'problem (a negative one makes the agent end episodes early, a positive one drags them out). Scale rewards, do not ' +
    'shift them; subtract baselines into the advantages.';
}

function runningMessage(shift: string): string {
  return `Reward normalized with a running mean (\`${shift}\`): this is normalization, not a baseline. Every reward moves ` +
    'by an amount that drifts through training, so the same outcome is paid differently from one step to the next and ' +
    'the sign of the reward no longer says good or bad. Divide by the running std only; subtract baselines into the advantages.';
}

// ---------------------------------------------------------------- Python

function unparenthesized(node: PyNode): PyNode {
  return node.type === 'parenthesized_expression' && node.namedChild(0) ? unparenthesized(node.namedChild(0)!) : node;
}

/** The name that says what a target or operand is: `rewards` for `rewards`, `self.rewards`, `rewards[i]`. */
function pythonSubjectName(node: PyNode): string | undefined {
  const bare = unparenthesized(node);
  if (bare.type === 'identifier') return bare.text;
  if (bare.type === 'attribute') return bare.childForFieldName('attribute')?.text;
  if (bare.type === 'subscript') return pythonSubjectName(bare.childForFieldName('value')!);
  return undefined;
}

function isPythonReward(node: PyNode): boolean {
  const name = pythonSubjectName(node);
  return name !== undefined && (isRewardName(name) || isRewardModelScore(node, name));
}

/**
 * A reward model's or verifier's score under another name (`scores`, `rm_scores`, `ensemble_rs`): named for a reward
 * model (`rm_`), assigned from a scoring call, or assigned into a reward in its function.
 */
function isRewardModelScore(node: PyNode, name: string): boolean {
  const words = nameWords(name);
  while (words.length > 1 && CONTAINER_WORDS.has(words.at(-1)!)) words.pop();
  const last = words.at(-1) ?? '';
  if (!SCORE_WORDS.has(last) || (last === 'rs' && words.length < 2) || words.some((w) => SUMMARY_WORDS.has(w))) return false;
  if (words.includes('rm')) return true;
  const subject = unparenthesized(node);
  const text = subject.type === 'subscript' ? subject.childForFieldName('value')!.text : subject.text;
  const scope = enclosingScope(node);
  const assigned = [...descendants(scope, 'assignment')];
  const fromScoring = assigned.some((a) => a.childForFieldName('left')?.text === text &&
    descendants(a.childForFieldName('right')!, 'call').some((call) =>
      SCORING_CALL.test(calleeName(call)) && !calleeName(call).startsWith(`${text}.`)));
  const names = new Set([text]);
  const intoReward = assigned.some((a) => targetNames(a.childForFieldName('left')).some(isRewardName) &&
    mentions(a.childForFieldName('right')!, names));
  return fromScoring || intoReward;
}

/** An index that reaches every reward: a position, a slice, or the variable of a `for` over `range(...)` / `enumerate(...)`. */
function isEveryIndex(index: PyNode): boolean {
  if (index.type === 'integer' || index.type === 'slice' || index.type === 'ellipsis') return true;
  if (index.type === 'unary_operator') return index.childForFieldName('argument')?.type === 'integer';
  if (index.type !== 'identifier') return false;
  for (let loop = enclosing(index, 'for_statement'); loop; loop = enclosing(loop, 'for_statement')) {
    const iterable = loop.childForFieldName('right');
    const bound = loop.childForFieldName('left');
    const binds = bound?.type === 'identifier' ? bound.text === index.text : bound?.namedChild(0)?.text === index.text;
    if (binds) return iterable?.type === 'call' && ['range', 'enumerate'].includes(calleeName(iterable));
  }
  return false;
}

/** `rewards[mask] -= c` or `rewards[bad] -= c` selects outcomes: a shaping term, not a shift of every reward. */
function isMaskedTarget(target: PyNode): boolean {
  if (target.type !== 'subscript') return false;
  return !target.childrenForFieldName('subscript').every(isEveryIndex);
}

/** A reduction over the whole batch (`rewards.mean()`, `np.mean(rewards)`, `min(rewards)`), not per group. */
function isGlobalStatistic(call: PyNode): boolean {
  if (!STATISTICS.has(calleeMethod(call))) return false;
  if (keywordArgument(call, 'dim') || keywordArgument(call, 'axis') || keywordArgument(call, 'keepdim') || keywordArgument(call, 'keepdims')) {
    return false;
  }
  const callee = call.childForFieldName('function')!;
  const receiver = callee.type === 'attribute' ? callee.childForFieldName('object')?.text : undefined;
  const dataIsArgument = receiver === undefined || ARRAY_MODULES.has(receiver);
  return positionalArguments(call).length === (dataIsArgument ? 1 : 0);
}

/** A constant or a statistic: the thing that, added to a reward, shifts it. */
function isPythonShift(node: PyNode): boolean {
  const bare = unparenthesized(node);
  switch (bare.type) {
    case 'integer':
    case 'float':
      return Number(bare.text.replace(/_/g, '')) !== 0;
    case 'unary_operator':
      return isPythonShift(bare.childForFieldName('argument')!);
    case 'attribute':
      return isShiftName(bare.childForFieldName('attribute')!.text);
    case 'call': {
      const receiver = bare.childForFieldName('function')?.childForFieldName('object');
      if (calleeMethod(bare) === 'item') return receiver ? isPythonShift(receiver) : false; // `rewards.mean().item()`
      return isGlobalStatistic(bare);
    }
    case 'identifier':
      return isShiftIdentifier(bare);
    default:
      return false;
  }
}

/** A name bound, in its function, only to constants or statistics; or a parameter named or defaulted like one. */
function isShiftIdentifier(name: PyNode): boolean {
  if (isRewardComponentName(name.text)) return false;
  const scope = enclosingScope(name);
  const values = assignmentsTo(scope, name.text).map((a) => a.childForFieldName('right'));
  if (values.length > 0) return values.every((v) => v !== null && isPythonShift(v));
  const parameter = scope.type === 'function_definition' ? parametersOf(scope).find((p) => p.name === name.text) : undefined;
  if (parameter?.defaultValue && ['integer', 'float'].includes(parameter.defaultValue.type)) return true;
  return isShiftName(name.text);
}

/** Inside a condition of its own function (outcome-dependent); `if __name__ == "__main__":` does not count. */
function isConditional(node: PyNode): boolean {
  const scope = enclosingScope(node);
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    if (!OUTCOME_BRANCHES.includes(p.type)) continue;
    if (p.type === 'if_statement' && p.childForFieldName('condition')?.text.includes('__main__')) continue;
    return true;
  }
  return false;
}

/** `reward ± shift` or `shift + reward`: the shift operand, else undefined. `c - reward` reflects, it is not a shift. */
function pythonShiftOperand(expression: PyNode): PyNode | undefined {
  const bare = unparenthesized(expression);
  if (bare.type !== 'binary_operator') return undefined;
  const operator = bare.childForFieldName('operator')?.text;
  const left = bare.childForFieldName('left')!;
  const right = bare.childForFieldName('right')!;
  if (operator !== '+' && operator !== '-') return undefined;
  if (isPythonReward(left) && isPythonShift(right)) return right;
  if (operator === '+' && isPythonReward(right) && isPythonShift(left)) return left;
  return undefined;
}

/**
 * A running total of logged values (`total_chosen_rewards += chosen_rewards.mean().item()`): named for a total, or
 * bound to 0 in its function and only ever added to.
 */
function isAccumulator(target: PyNode): boolean {
  const name = pythonSubjectName(target);
  if (name === undefined) return false;
  if (nameWords(name).some((w) => ACCUMULATOR_WORDS.has(w))) return true;
  const scope = enclosingScope(target);
  const text = unparenthesized(target).text;
  let zeroed = false;
  for (const binding of descendants(scope, 'assignment', 'augmented_assignment')) {
    const left = binding.childForFieldName('left');
    const right = binding.childForFieldName('right');
    if (!left || !right || !targetNames(left).includes(text)) continue;
    if (binding.type === 'augmented_assignment') {
      if (binding.childForFieldName('operator')?.text !== '+=') return false;
    } else {
      const index = left.type === 'identifier' ? -1 : left.namedChildren.findIndex((n) => n?.text === text);
      const value = index === -1 ? right : right.namedChild(index);
      if (value && ['integer', 'float'].includes(value.type) && Number(value.text) === 0) zeroed = true;
    }
  }
  return zeroed;
}

/**
 * The shifted reward is divided by a spread statistic later in its function (`rewards = rewards - rewards.mean()`,
 * then `rewards = rewards / (rewards.std() + eps)`): a standardization written in two steps, as per-group loops do.
 */
function isStandardizedLater(statement: PyNode, target: PyNode): boolean {
  const name = unparenthesized(target).text;
  return descendants(enclosingScope(statement), 'assignment', 'augmented_assignment').some((later) => {
    if (later.startIndex <= statement.startIndex || later.childForFieldName('left')?.text !== name) return false;
    const value = unparenthesized(later.childForFieldName('right')!);
    const divisor = later.type === 'augmented_assignment'
      ? (later.childForFieldName('operator')?.text === '/=' ? value : undefined)
      : value.type === 'binary_operator' && value.childForFieldName('operator')?.text === '/' &&
          unparenthesized(value.childForFieldName('left')!).text === name ? value.childForFieldName('right')! : undefined;
    return divisor !== undefined && SPREAD.test(divisor.text);
  });
}

/** `(reward - running.mean) / std`: the standardization whose mean is kept over the run; the subtracted statistic. */
function runningMeanShift(value: PyNode): PyNode | undefined {
  const bare = unparenthesized(value);
  if (bare.type !== 'binary_operator' || bare.childForFieldName('operator')?.text !== '/') return undefined;
  const numerator = unparenthesized(bare.childForFieldName('left')!);
  if (numerator.type !== 'binary_operator' || numerator.childForFieldName('operator')?.text !== '-') return undefined;
  const [left, right] = [numerator.childForFieldName('left')!, numerator.childForFieldName('right')!];
  return isPythonReward(left) && RUNNING_STATISTIC.test(right.text) && isPythonShift(right) ? right : undefined;
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  const report = (at: PyNode, shift: PyNode, text = message(shift.text)) => {
    if (!isConditional(at) && !isInTestCode(at)) reports.push({ ...rangeOf(at), message: text });
  };
  for (const node of descendants(file.root, 'augmented_assignment', 'assignment', 'return_statement')) {
    // A reward or score word is in the text of every finding's node: a look at the text first, the tree only if it is there.
    if (!/rew|score|_rs\b/i.test(node.text)) continue;
    if (node.type === 'augmented_assignment') {
      // `reward -= 0.01`
      const target = node.childForFieldName('left')!;
      const operator = node.childForFieldName('operator')?.text;
      const value = node.childForFieldName('right')!;
      if ((operator === '+=' || operator === '-=') && isPythonReward(target) && !isMaskedTarget(target) && isPythonShift(value) &&
        !(operator === '+=' && isAccumulator(target)) && !isStandardizedLater(node, target)) {
        report(node, value);
      }
    } else if (node.type === 'assignment') {
      // `rewards = rewards - rewards.mean()`
      const target = node.childForFieldName('left');
      const value = node.childForFieldName('right');
      const shift = value && pythonShiftOperand(value);
      if (target && shift && isPythonReward(target) && !isMaskedTarget(target) && !isStandardizedLater(node, target)) {
        report(value, shift);
      }
      // `scores = (scores - running.mean) / std`
      const running = value && runningMeanShift(value);
      if (target && running && isPythonReward(target) && !isMaskedTarget(target)) report(value, running, runningMessage(running.text));
    } else if (!ADVANTAGE_FUNCTION.test(functionName(enclosingScope(node)))) {
      // `return obs, reward - 0.5, done, info`
      const value = node.namedChild(0);
      for (const element of value?.type === 'expression_list' ? value.namedChildren : [value]) {
        const shift = element && pythonShiftOperand(element);
        if (element && shift) report(element, shift);
      }
    }
  }
  return reports;
}

// ---------------------------------------------------------------- TypeScript / JavaScript

function checkTypeScript(file: TypeScriptFile): RuleReport[] {
  const { Node } = file.morph;
  const reports: RuleReport[] = [];

  const unwrap = (node: MorphNode): MorphNode => (Node.isParenthesizedExpression(node) ? unwrap(node.getExpression()) : node);
  const subjectName = (node: MorphNode): string | undefined => {
    const bare = unwrap(node);
    if (Node.isIdentifier(bare)) return bare.getText();
    if (Node.isPropertyAccessExpression(bare)) return bare.getName();
    return undefined; // element access: `rewards[mask]` may select outcomes
  };
  const isReward = (node: MorphNode) => {
    const name = subjectName(node);
    return name !== undefined && isRewardName(name);
  };
  /** In TS only literals and named constants: statistics there are rare and spelled every which way. */
  const isShift = (node: MorphNode): boolean => {
    const bare = unwrap(node);
    if (Node.isNumericLiteral(bare)) return bare.getLiteralValue() !== 0;
    if (Node.isPrefixUnaryExpression(bare)) return isShift(bare.getOperand());
    const name = subjectName(bare);
    return name !== undefined && isShiftName(name);
  };
  const isConditional = (node: MorphNode) => {
    for (let p = node.getParent(); p && !Node.isFunctionLikeDeclaration(p) && !Node.isFunctionExpression(p); p = p.getParent()) {
      if (Node.isIfStatement(p) || Node.isConditionalExpression(p) || Node.isSwitchStatement(p) || Node.isCatchClause(p)) return true;
    }
    return false;
  };
  const report = (at: MorphNode, shift: MorphNode) => {
    if (!isConditional(at)) reports.push({ ...tsRangeOf(at), message: message(shift.getText()) });
  };
  const shiftOperand = (expression: MorphNode): MorphNode | undefined => {
    const bare = unwrap(expression);
    if (!Node.isBinaryExpression(bare)) return undefined;
    const operator = bare.getOperatorToken().getText();
    if (operator !== '+' && operator !== '-') return undefined;
    if (isReward(bare.getLeft()) && isShift(bare.getRight())) return bare.getRight();
    if (operator === '+' && isReward(bare.getRight()) && isShift(bare.getLeft())) return bare.getLeft();
    return undefined;
  };

  for (const node of file.sourceFile.getDescendants()) {
    if (Node.isBinaryExpression(node)) {
      const operator = node.getOperatorToken().getText();
      if ((operator === '+=' || operator === '-=') && isReward(node.getLeft()) && isShift(node.getRight())) {
        report(node, node.getRight()); // `reward -= 0.01`
      } else if (operator === '=' && isReward(node.getLeft())) {
        const shift = shiftOperand(node.getRight()); // `reward = reward - OFFSET`
        if (shift) report(node.getRight(), shift);
      }
    } else if (Node.isVariableDeclaration(node) || Node.isReturnStatement(node)) {
      // `const shaped = reward - 0.5`, `return reward - 0.5`
      const value = Node.isVariableDeclaration(node) ? node.getInitializer() : node.getExpression();
      const named = Node.isReturnStatement(node) || isRewardName(node.getName());
      const shift = value && named ? shiftOperand(value) : undefined;
      if (value && shift) report(value, shift);
    }
  }
  return reports;
}

export const rewardShift: Rule = {
  meta: {
    code: 'RL104',
    name: 'reward-shift',
    severity: 'warning',
    summary: 'A constant or a statistic is added to or subtracted from a reward (scale rewards, do not shift them).',
  },
  // Every finding has a name that isRewardName accepts as an operand of `+`/`-`: right before the operator or its
  // subscript (`rewards[i] -= c`, `(reward)\n - b`), or right after a `+`, itself or as an attribute (`c + reward`,
  // `c + self.reward`).
  // A score is reward-like only by a reward word or `rm` in its name or in the call it comes from, or a reward-named
  // target: one of those is in the file. (That test first: most files fail it.)
  triggers: [
    /rew|\brm_|[._]rm\b|_rs\b/i,
    new RegExp(String.raw`${REWARD_NAME_END}(?:[\s)\\]|#.*\n)*[-+[]|\+(?:[\s(\\]|#.*\n)*(?:\p{ID_Continue}+\s*\.\s*)*\p{ID_Continue}*${REWARD_NAME_END}`, 'iu'),
  ],
  python: checkPython,
  typescript: checkTypeScript,
};
