import {
  assignmentsTo, calleeMethod, callsNamed, descendants, enclosing, enclosingScope, isInTestCode, positionalArguments, rangeOf, stringValue, type PyNode, type PythonFile,
} from '../languages/python';
import { targetNames } from '../languages/python-flow';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/** Last words of a numeric reward: `score`, `scores`, `reward`, `rewards`, `acc`, `accuracy`. */
const REWARD_WORDS = new Set(['score', 'scores', 'reward', 'rewards', 'acc', 'accuracy']);

/** Words of values that are not the reward itself: functions (`compute_score`), models, settings, flags, logs. */
const NOT_A_VALUE = new Set([
  'fn', 'fns', 'func', 'funcs', 'function', 'compute', 'get', 'calc', 'calculate', 'default', 'model', 'models', 'manager',
  'config', 'kwargs', 'info', 'infos', 'logs', 'type', 'name', 'names', 'key', 'keys', 'url', 'urls', 'use', 'enable',
  'is', 'has',
]);

const OR_MESSAGE = (read: string) => `\`${read} or ...\` replaces a reward of 0 (falsy) with the fallback: a score of ` +
  '0.0 is a real score, and the sample is paid something else. Test `is None` instead.';

const ZEROS_MESSAGE = (reward: string, scores: string) => `\`${reward}\` is set to zeros shaped like \`${scores}\` and never ` +
  `filled: every sample's reward is 0, whatever \`${scores}\` says. Use the scores themselves.`;

const FLAG_MESSAGE = (flag: string, sample: string) => `The reward is zeroed whenever \`${flag}\` is set, for every sample: ` +
  `the flag's own per-sample condition (\`${sample}\`) is not tested, so all rewards become 0. Test both.`;

/** A place where the reward is lost, and why. */
interface Loss {
  node: PyNode;
  message: string;
}

/** A name whose last word is a reward word, and no word says it is a function, model or setting. */
function isRewardName(name: string): boolean {
  const words = nameWords(name);
  return REWARD_WORDS.has(words.at(-1) ?? '') && !words.some((w) => NOT_A_VALUE.has(w));
}

/** A read of a numeric reward: `d.get("score")`, `d["reward"]`, `result.score`, `reward`. */
function isRewardRead(node: PyNode): string | undefined {
  if (node.type === 'call' && calleeMethod(node) === 'get') {
    // `d.get("score", 0.0) or ...` handles a missing key itself: the `or` is a deliberate disjunction of scores.
    const args = positionalArguments(node);
    const key = stringValue(args[0]);
    return args.length === 1 && key !== undefined && isRewardName(key) ? key : undefined;
  }
  if (node.type === 'subscript') {
    const key = stringValue(node.childForFieldName('subscript'));
    return key !== undefined && isRewardName(key) ? key : undefined;
  }
  if (node.type === 'attribute') {
    const name = node.childForFieldName('attribute')!.text;
    return isRewardName(name) ? name : undefined;
  }
  return node.type === 'identifier' && isRewardName(node.text) ? node.text : undefined;
}

/** A fallback that gives the same value as a falsy reward: `0`, `0.0`, `None`, `[]`, `{}`, `""`, `False`. */
function isFalsyLiteral(node: PyNode): boolean {
  switch (node.type) {
    case 'integer':
    case 'float':
      return Number(node.text.replace(/_/g, '')) === 0;
    case 'none':
    case 'false':
      return true;
    case 'list':
    case 'dictionary':
    case 'tuple':
      return node.namedChildCount === 0;
    case 'string':
      return stringValue(node) === '';
    default:
      return false;
  }
}

/** `d.get("score") or d.get("reward")`: a numeric reward read with `or`, whose fallback differs from a zero. */
function falsyRewardFallbacks(root: PyNode): Loss[] {
  return descendants(root, 'boolean_operator').flatMap((node) => {
    if (node.childForFieldName('operator')?.text !== 'or') return [];
    const left = node.childForFieldName('left')!;
    const right = node.childForFieldName('right')!;
    const read = isRewardRead(left);
    // A condition (`if score or bonus:`) tests truth on purpose; a value is taken from the expression.
    const isCondition = ['if_statement', 'elif_clause', 'while_statement', 'conditional_expression', 'assert_statement']
      .includes(node.parent?.type ?? '') && node.parent?.childForFieldName('condition')?.id === node.id;
    if (!read || isFalsyLiteral(right) || isCondition || node.parent?.type === 'not_operator') return [];
    return [{ node, message: OR_MESSAGE(left.text) }];
  });
}

/** Calls that write into their receiver or fill a tensor: `rewards[i] = s` is found apart, these by name. */
const IN_PLACE = /_$|^(?:scatter|index_put|masked_fill|copy|fill|put|update|append|extend)/;

/** `rewards = torch.zeros_like(scores)` with `rewards` never written afterwards in the function. */
function unfilledZeros(root: PyNode): Loss[] {
  return callsNamed(root, 'zeros_like').flatMap((call) => {
    const [source] = positionalArguments(call);
    const assignment = call.parent?.type === 'assignment' && call.parent.childForFieldName('right')?.id === call.id ? call.parent : undefined;
    const target = assignment?.childForFieldName('left');
    if (!source || !target || (target.type !== 'identifier' && target.type !== 'attribute')) return [];
    const sourceName = source.type === 'subscript' ? stringValue(source.childForFieldName('subscript')) ?? '' : source.text;
    if (!isRewardName(target.text) || !isRewardName(sourceName)) return [];
    const scope = enclosingScope(call);
    const name = target.text;
    const later = (node: PyNode) => node.startIndex > call.endIndex;
    const rebound = assignmentsTo(scope, name).some(later);
    const itemWritten = descendants(scope, 'assignment', 'augmented_assignment').some((a) => later(a) &&
      a.childForFieldName('left')?.type === 'subscript' && a.childForFieldName('left')!.childForFieldName('value')?.text === name);
    const filledInPlace = descendants(scope, 'call').some((c) => later(c) &&
      (c.childForFieldName('function')?.childForFieldName('object')?.text === name && IN_PLACE.test(calleeMethod(c))));
    // Passed to another call (not a container or a return): that call may fill it.
    const passed = descendants(scope, 'call').some((c) => later(c) && !['dict', 'DataProto', 'from_dict', 'cat', 'stack', 'tensor', 'to'].includes(calleeMethod(c)) &&
      positionalArguments(c).some((a) => a.text === name));
    if (rebound || itemWritten || filledInPlace || passed) return [];
    return [{ node: call, message: ZEROS_MESSAGE(name, source.text) }];
  });
}

/** The statements of a branch set a reward to zero: `rewards.append(0)`, `reward = 0.0`, `rewards[i] = 0`. */
function zeroesReward(block: PyNode | null): boolean {
  return (block?.namedChildren ?? []).some((statement) => {
    const expression = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (expression?.type === 'call' && calleeMethod(expression) === 'append') {
      const receiver = expression.childForFieldName('function')?.childForFieldName('object');
      const [value] = positionalArguments(expression);
      return !!receiver && isRewardName(receiver.text.split('.').pop()!) && !!value && isZero(value);
    }
    if (expression?.type === 'assignment') {
      const target = expression.childForFieldName('left')!;
      const value = expression.childForFieldName('right');
      const name = target.type === 'subscript' ? target.childForFieldName('value')!.text : target.text;
      return isRewardName(name.split('.').pop()!) && !!value && isZero(value);
    }
    return false;
  });
}

const isZero = (node: PyNode) => (node.type === 'integer' || node.type === 'float') && Number(node.text) === 0;

/** The names a loop binds or assigns in its body: what changes from one sample to the next. */
function perSampleNames(loop: PyNode): Set<string> {
  const names = new Set(targetNames(loop.childForFieldName('left')));
  for (const a of descendants(loop, 'assignment', 'augmented_assignment')) {
    for (const name of targetNames(a.childForFieldName('left'))) names.add(name);
  }
  return names;
}

/**
 * `if zero_truncated_completions: rewards.append(0) else: rewards.append(reward)` in a loop over samples: a condition
 * of flags alone (nothing the loop changes), named for a per-sample property the loop computes (`is_truncated`).
 */
function flagZeroedRewards(root: PyNode): Loss[] {
  return descendants(root, 'if_statement').flatMap((branch) => {
    const loop = enclosing(branch, 'for_statement', 'while_statement');
    const condition = branch.childForFieldName('condition');
    if (!loop || !condition || enclosingScope(loop).id !== enclosingScope(branch).id) return [];
    if (!zeroesReward(branch.childForFieldName('consequence'))) return [];
    const alternative = branch.childrenForFieldName('alternative').find((a) => a.type === 'else_clause');
    if (!alternative) return [];
    const perSample = perSampleNames(loop);
    const read = descendants(condition, 'identifier', 'attribute').map((n) => n.text);
    if (read.some((name) => perSample.has(name))) return [];
    const flagWords = new Set(read.flatMap(nameWords).filter((w) => w.length > 3));
    const sample = [...perSample].find((name) => !read.includes(name) && nameWords(name).some((w) => flagWords.has(w)) &&
      nameWords(name).length <= 3);
    return sample ? [{ node: condition, message: FLAG_MESSAGE(condition.text, sample) }] : [];
  });
}

function checkPython(file: PythonFile): RuleReport[] {
  const found = [...falsyRewardFallbacks(file.root), ...unfilledZeros(file.root), ...flagZeroedRewards(file.root)];
  return found.filter(({ node }) => !isInTestCode(node))
    .sort((a, b) => a.node.startIndex - b.node.startIndex)
    .map(({ node, message }) => ({ ...rangeOf(node), message }));
}

export const rewardLostInPlumbing: Rule = {
  meta: {
    code: 'RL401',
    name: 'reward-lost-in-plumbing',
    severity: 'warning',
    summary: 'A computed reward is lost on its way to the trainer: a 0.0 replaced through `or`, zeros returned, every reward zeroed by a flag.',
  },
  // Every finding reads a name whose last word is a REWARD_WORDS word (a key, an attribute or a name) right before `or`,
  // assigns `zeros_like(` to such a name, or zeroes one in an indented branch (`rewards.append(0)`, `reward = 0.0`,
  // `rewards[i] = 0`).
  triggers: [
    /(?:score|reward|acc|accuracy)s?\b["'\])]*\s+or\b|(?:score|reward|acc|accuracy)s?\s*=\s*[\w.]*zeros_like\s*\(|\.append\(\s*0(?:\.0*)?\s*\)|^[ \t]+\w*(?:score|reward|acc|accuracy)s?(?:\[[^\]\n]*\])?\s*=\s*0(?:\.0*)?\s*(?:#.*)?$/im,
  ],
  python: checkPython,
};
