import {
  calleeMethod, callsNamed, descendants, enclosingFunction, enclosingScope, functionName, parametersOf, rangeOf, type PyNode,
  type PythonFile,
} from '../languages/python';
import { mentions, targetNames } from '../languages/python-flow';
import { isInTestFunction, isMaskName, operatorOf, reducedTensor, subjectName, unparenthesized } from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Words that make a kl-named value a coefficient or a controller, not a divergence (`kl_coef`, `self.kl_ctrl`). */
const COEFFICIENT_WORDS = new Set([
  'coef', 'coeff', 'coefficient', 'ctrl', 'controller', 'weight', 'beta', 'target', 'horizon', 'clip', 'type',
  'estimator', 'metrics', 'metric', 'stats', 'log',
  // Log-probs of a KL dataset (KTO's `ref_KL_logps`), not a divergence.
  'logps', 'logp', 'logprobs', 'logits', 'probs',
]);

/** What a minimized quantity is called: `loss`, `pg_loss`, `policy_loss`, `total_loss`, `per_token_loss`. */
const LOSS_WORDS = new Set(['loss', 'losses']);

/** Words that make a loss-named value something else (`loss_scale`, `loss_mask`, `num_loss_tokens`). */
const NOT_LOSS_WORDS = new Set(['mask', 'scale', 'fn', 'func', 'type', 'weight', 'coef', 'num', 'agg', 'mode', 'metrics']);

/** Reductions and aggregations that keep the sign of what they reduce. */
const SIGN_KEEPING_CALLS = new Set([
  'mean', 'sum', 'masked_mean', 'masked_sum', 'agg_loss', 'aggregate_loss', 'nanmean', 'nansum', 'float', 'to',
  'detach', 'contiguous', 'squeeze', 'unsqueeze', 'view', 'reshape', 'flatten',
]);

/** Names of the log-probs a KL estimator compares (`log_probs`, `ref_logprob`, `logps`, `log_probs_base`). */
const LOG_PROB_NAME = /(?:^|_)(?:log_?probs?|logps?|logits?)(?:_|$)/i;

/** Function names that say a KL is only logged (`compute_kl_metrics`, `log_kl_stats`). */
const LOGGING_WORDS = new Set(['metric', 'metrics', 'stat', 'stats', 'log', 'logging', 'report', 'reward', 'rewards']);

const SIGN_MESSAGE = (loss: string) =>
  `The KL penalty is subtracted from \`${loss}\`, a loss that is minimized: the optimizer then pushes the policy away ` +
  'from the reference model instead of keeping it close. Add the penalty to the loss (`loss = pg_loss + kl_coef * kl`); ' +
  'subtract it only from rewards or from an objective that is maximized.';

const NO_GRAD_MESSAGE = (kl: string, loss: string) =>
  `\`${kl}\` is computed under torch.no_grad() and then added to \`${loss}\`: the KL term carries no gradient, so ` +
  'the penalty changes the logged loss but never pulls the policy toward the reference. Compute the KL-in-loss term ' +
  'with gradients (keep no_grad for the reward-side KL).';

const DECORATOR_MESSAGE = (name: string) =>
  `\`${name}\` estimates a KL from log-probs under @torch.no_grad(): a KL loss built from it has no gradient and ` +
  'never pulls the policy toward the reference. Remove the decorator (wrap the reward-side call in torch.no_grad() ' +
  'instead).';

function isKlName(name: string | undefined): boolean {
  if (!name) return false;
  const words = nameWords(name);
  return words.some((word) => word === 'kl' || word === 'kld' || word === 'kls') && !words.some((word) => COEFFICIENT_WORDS.has(word));
}

/** A KL value: a kl-named name or call (`kl`, `kl_loss`, `self.kl_penalty(...)`), or a product with one (`kl_coef * kl`). */
function isKlTerm(node: PyNode): boolean {
  const bare = unparenthesized(node);
  if (bare.type === 'binary_operator' && ['*', '/'].includes(operatorOf(bare)!)) {
    return isKlTerm(bare.childForFieldName('left')!) || (operatorOf(bare) === '*' && isKlTerm(bare.childForFieldName('right')!));
  }
  if (bare.type === 'call') {
    const method = calleeMethod(bare);
    if (!SIGN_KEEPING_CALLS.has(method)) return isKlName(method);
    const operand = reducedTensor(bare);
    return operand !== undefined && isKlTerm(operand);
  }
  return isKlName(subjectName(bare));
}

function isLossName(name: string | undefined): boolean {
  if (!name) return false;
  const words = nameWords(name);
  return words.some((word) => LOSS_WORDS.has(word)) && !words.some((word) => NOT_LOSS_WORDS.has(word) || word === 'reward');
}

/** A factor that does not change a sign: a number, a coefficient, a mask, a count. */
function isNonNegativeFactor(node: PyNode): boolean {
  const bare = unparenthesized(node);
  if (bare.type === 'integer' || bare.type === 'float') return true;
  const name = subjectName(bare) ?? (bare.type === 'call' ? calleeMethod(bare) : undefined);
  if (!name) return false;
  const words = nameWords(name);
  return isMaskName(name) || words.some((word) => COEFFICIENT_WORDS.has(word) || ['beta', 'alpha', 'lambda', 'lam', 'scale', 'factor', 'len', 'count', 'num', 'tokens', 'size', 'steps'].includes(word));
}

/**
 * Where the value of `node` ends up and with which sign: climbs through `+`, `-`, unary minus, products with
 * coefficients and masks, divisions by counts and sign-keeping reductions, up to an assignment or a return.
 */
function signedDestination(node: PyNode, sign: number): { sign: number; statement: PyNode } | undefined {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'parenthesized_expression':
        continue;
      case 'unary_operator':
        if (parent.child(0)?.type === '-') sign = -sign;
        else if (parent.child(0)?.type !== '+') return undefined;
        continue;
      case 'binary_operator': {
        const operator = operatorOf(parent);
        const isRight = parent.childForFieldName('right')?.id === child.id;
        const other = parent.childForFieldName(isRight ? 'left' : 'right')!;
        if (operator === '+') continue;
        if (operator === '-') {
          if (isRight) sign = -sign;
          continue;
        }
        if (operator === '*' && isNonNegativeFactor(other)) continue;
        if (operator === '/' && !isRight && isNonNegativeFactor(other)) continue;
        return undefined;
      }
      case 'argument_list': {
        const call = parent.parent!;
        if (!SIGN_KEEPING_CALLS.has(calleeMethod(call)) || parent.namedChildren[0]?.id !== child.id) return undefined;
        child = call;
        parent = call;
        continue;
      }
      case 'attribute':
        // `(pg_loss - kl).mean()`: the object of a sign-keeping method.
        if (parent.parent?.type === 'call' && SIGN_KEEPING_CALLS.has(parent.childForFieldName('attribute')?.text ?? '')) {
          child = parent.parent;
          parent = parent.parent;
          continue;
        }
        return undefined;
      case 'assignment':
      case 'augmented_assignment': {
        if (parent.childForFieldName('right')?.id !== child.id) return undefined;
        if (parent.type === 'augmented_assignment') {
          const operator = operatorOf(parent);
          if (operator === '-=') sign = -sign;
          else if (operator !== '+=') return undefined;
        }
        return { sign, statement: parent };
      }
      case 'return_statement':
        return { sign, statement: parent };
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The loss a statement writes to: its target's name, or the function's for a return. */
function lossWritten(statement: PyNode): string | undefined {
  if (statement.type === 'return_statement') {
    const fn = enclosingFunction(statement);
    return fn && isLossName(functionName(fn)) ? `${functionName(fn)}()` : undefined;
  }
  const target = statement.childForFieldName('left');
  const name = target ? subjectName(target) : undefined;
  return isLossName(name) ? target!.text : undefined;
}

/** `loss = pg_loss - kl_coef * kl`, `loss -= beta * kl_loss`: the KL subtracted from a minimized loss. */
function subtractedKl(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const node of descendants(file.root, 'binary_operator', 'augmented_assignment')) {
    const operator = operatorOf(node);
    if (operator !== '-' && operator !== '-=' && operator !== '+' && operator !== '+=') continue;
    const right = node.childForFieldName('right');
    if (!right || !isKlTerm(right)) continue;
    // `a + -kl` is as wrong as `a - kl`; `a - -kl` is right.
    const negated = unparenthesized(right).type === 'unary_operator' && unparenthesized(right).child(0)?.type === '-';
    const own = (operator.startsWith('-') ? -1 : 1) * (negated ? -1 : 1);
    if (own > 0) continue;
    const outer = node.type === 'augmented_assignment' ? { sign: 1, statement: node } : signedDestination(node, 1);
    const destination = outer && { sign: own * outer.sign, statement: outer.statement };
    if (!destination || destination.sign > 0) continue;
    const loss = lossWritten(destination.statement);
    if (loss && !isInTestFunction(node)) reports.push({ ...rangeOf(node), message: SIGN_MESSAGE(loss) });
  }
  return reports;
}

function isNoGradContext(node: PyNode): boolean {
  return /(?:^|\.)(?:no_grad|inference_mode)\s*\(/.test(node.text) && !/enable_grad/.test(node.text);
}

/** `with torch.no_grad(): kl = ...` whose value is later added to a loss in the same function. */
function klUnderNoGrad(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const statement of descendants(file.root, 'with_statement')) {
    const clause = statement.namedChildren.find((child) => child?.type === 'with_clause');
    if (!clause || !isNoGradContext(clause)) continue;
    const scope = enclosingScope(statement);
    for (const assignment of descendants(statement, 'assignment')) {
      const names = targetNames(assignment.childForFieldName('left')).filter((name) => isKlName(name.split('.').at(-1)));
      if (names.length === 0 || enclosingScope(assignment).id !== scope.id) continue;
      const derived = klDerivedNames(scope, names, statement);
      const loss = descendants(scope, 'assignment', 'augmented_assignment').find((use) => {
        if (use.startIndex < statement.endIndex) return false;
        const target = use.childForFieldName('left');
        const right = use.childForFieldName('right');
        return target && right && isLossName(subjectName(target)) && !isKlName(subjectName(target)) &&
          mentions(right, derived) && !isRecomputedWithGrad(scope, names, statement, use);
      });
      if (loss) reports.push({ ...rangeOf(assignment), message: NO_GRAD_MESSAGE(names[0], loss.childForFieldName('left')!.text) });
    }
  }
  return reports;
}

/**
 * The KL names and those computed from them under KL names (`kl_loss = masked_mean(kl, mask)`) after `block`: a KL
 * that flows into rewards or advantages first is the reward-side penalty, where no gradient is right.
 */
function klDerivedNames(scope: PyNode, names: string[], block: PyNode): Set<string> {
  const derived = new Set(names);
  for (const assignment of descendants(scope, 'assignment', 'augmented_assignment')) {
    const right = assignment.childForFieldName('right');
    if (assignment.startIndex < block.endIndex || !right || !mentions(right, derived)) continue;
    for (const name of targetNames(assignment.childForFieldName('left'))) if (isKlName(name.split('.').at(-1))) derived.add(name);
  }
  return derived;
}

/** The KL name is assigned again between the no_grad block and its use (outside any no_grad block). */
function isRecomputedWithGrad(scope: PyNode, names: string[], block: PyNode, use: PyNode): boolean {
  return descendants(scope, 'assignment').some((assignment) =>
    assignment.startIndex > block.endIndex && assignment.endIndex < use.startIndex &&
    targetNames(assignment.childForFieldName('left')).some((name) => names.includes(name)) &&
    !descendants(scope, 'with_statement').some((w) => isNoGradContext(w) && w.startIndex < assignment.startIndex && assignment.endIndex <= w.endIndex));
}

/** `@torch.no_grad()` on a KL estimator of two log-prob tensors (`compute_approx_kl(log_probs, log_probs_base)`). */
function noGradKlEstimators(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const decorated of descendants(file.root, 'decorated_definition')) {
    const fn = decorated.childForFieldName('definition');
    if (fn?.type !== 'function_definition') continue;
    const decorator = decorated.namedChildren.find((child) => child?.type === 'decorator' && isNoGradContext(child));
    const name = functionName(fn);
    const words = nameWords(name);
    if (!decorator || !isKlName(name) || words.some((word) => LOGGING_WORDS.has(word))) continue;
    if (parametersOf(fn).filter((parameter) => LOG_PROB_NAME.test(parameter.name)).length < 2) continue;
    // A KL written into rewards under no_grad is the reward-side penalty, where no gradient is right.
    if (callsNamed(fn, 'backward').length > 0 || /reward/i.test(fn.childForFieldName('body')?.text ?? '')) continue;
    reports.push({ ...rangeOf(decorator), message: DECORATOR_MESSAGE(name) });
  }
  return reports;
}

function checkPython(file: PythonFile): RuleReport[] {
  return [...subtractedKl(file), ...klUnderNoGrad(file), ...noGradKlEstimators(file)]
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

export const klLossSign: Rule = {
  meta: {
    code: 'RL207',
    name: 'kl-loss-sign',
    severity: 'error',
    summary: 'A KL penalty is subtracted from a minimized loss, or the KL-in-loss term is computed without gradients.',
  },
  // Every finding names a KL (`kl` as a word of a name: `kl`, `kl_loss`, `per_token_kl`, `compute_approx_kl`), and
  // subtracts it (`- kl`, `-= beta * kl`, `- coef * kl_loss`) or computes it under `no_grad`/`inference_mode`.
  triggers: [/(?:\b|_)kld?s?(?:\b|_)/i, /-=?\s*\(?\s*(?:[\w.[\]"']+\s*\*\s*)?[\w.]*kl|no_grad|inference_mode/i],
  python: checkPython,
};
