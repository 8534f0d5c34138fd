import {
  calleeMethod, callsNamed, descendants, enclosingScope, keywordArgument, literalTruth, positionalArguments, rangeOf, type PyNode,
  type PythonFile,
} from '../languages/python';
import { isInTestFunction, operatorOf, unparenthesized } from '../languages/python-tensors';
import type { Rule, RuleReport } from '../rule';

/** Reductions along a `dim=` that drop it unless `keepdim=True`. */
const REDUCTIONS = new Set(['mean', 'sum', 'std', 'var', 'masked_mean', 'masked_sum', 'masked_var', 'amax', 'amin', 'logsumexp', 'nanmean', 'nansum']);

const REDUCED_MESSAGE = (statistic: string, tensor: string, text: string) =>
  `\`${statistic}\` is reduced over a dim without keepdim=True, then combined with \`${tensor}\` in \`${text}\`: ` +
  'broadcasting aligns the trailing axes, so a per-row statistic of a (batch, tokens) tensor lines up with the ' +
  'token axis, and each row is normalized with other rows\' statistics (or it only runs when the sizes happen to ' +
  'agree). Reduce with keepdim=True (or unsqueeze the statistic) before combining.';

const NOOP_MESSAGE = (text: string) =>
  `\`${text}\` assigns a name to itself under a shape check: the reshape it stands for (\`.unsqueeze(1)\` for (B,) ` +
  'advantages against (B, T) log-probs) never happens, and the product broadcasts along the wrong axis.';

/** `mean = masked_mean(x, mask, dim=dim)` / `mean = x.mean(dim=1)`: the statistic's name and the tensor it reduces. */
function reducedWithoutKeepdim(assignment: PyNode): { statistic: string; tensor: string } | undefined {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || right?.type !== 'call' || !REDUCTIONS.has(calleeMethod(right))) return undefined;
  const dim = keywordArgument(right, 'dim') ?? keywordArgument(right, 'axis');
  const keepdim = keywordArgument(right, 'keepdim') ?? keywordArgument(right, 'keepdims');
  if (!dim || /^0$/.test(dim.text) || (keepdim && literalTruth(keepdim) !== false)) return undefined;
  const callee = right.childForFieldName('function');
  const method = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
  // A method on a tensor (`x.mean(dim=1)`), else the first argument of a function (`masked_mean(x, mask, dim=1)`).
  const tensor = method && !/^(?:torch|np|numpy|F|verl_F|jnp)$/.test(method.text) ? method : positionalArguments(right)[0];
  return tensor?.type === 'identifier' ? { statistic: left.text, tensor: tensor.text } : undefined;
}

/** The first name of an assignment's text (`x` of `x = x`, of `x: T = x`, of `x.y = ...`). */
const FIRST_NAME = /[^\s:=]+/y;

/** The assignment's text ends with its first name (`x = x`): only those are asked of the tree for a self-assignment. */
function endsWithItsName(source: string, assignment: PyNode): boolean {
  FIRST_NAME.lastIndex = assignment.startIndex;
  const name = FIRST_NAME.exec(source)?.[0];
  const end = assignment.endIndex;
  return name !== undefined && end - assignment.startIndex > name.length && source.startsWith(name, end - name.length);
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  // The reductions are found from their calls: a file has far fewer of them than assignments.
  for (const call of callsNamed(file.root, ...REDUCTIONS)) {
    const assignment = call.parent;
    if (assignment?.type !== 'assignment' || isInTestFunction(assignment)) continue;
    const reduced = reducedWithoutKeepdim(assignment);
    if (!reduced) continue;
    const scope = enclosingScope(assignment);
    // The first use after the reduction, unless the name was given another value in between (`mean = mean.mean()`).
    const rebound = descendants(scope, 'assignment', 'augmented_assignment').find((a) => a.startIndex > assignment.endIndex &&
      a.childForFieldName('left')?.text === reduced.statistic);
    const combined = descendants(scope, 'binary_operator').find((op) => op.startIndex > assignment.endIndex &&
      (!rebound || op.endIndex <= rebound.startIndex) &&
      ['-', '/', '*'].includes(operatorOf(op) ?? '') &&
      [op.childForFieldName('left'), op.childForFieldName('right')].map((n) => n && unparenthesized(n).text).sort().join() ===
        [reduced.statistic, reduced.tensor].sort().join());
    if (combined) reports.push({ ...rangeOf(combined), message: REDUCED_MESSAGE(reduced.statistic, reduced.tensor, combined.text) });
  }
  // `advantages = advantages` under `if advantages.dim() == 1:`: a shape fix that does nothing.
  for (const assignment of descendants(file.root, 'assignment')) {
    if (!endsWithItsName(file.source, assignment) || isInTestFunction(assignment)) continue;
    const [left, right] = [assignment.childForFieldName('left'), assignment.childForFieldName('right')];
    if (left?.type !== 'identifier' || right?.text !== left.text) continue;
    const guard = assignment.parent?.parent?.parent; // the statement, its block, the `if`
    const condition = guard?.type === 'if_statement' ? guard.childForFieldName('condition') : undefined;
    if (condition && /\.(?:dim|ndim|ndimension)\b|\.shape\b/.test(condition.text)) reports.push({ ...rangeOf(assignment), message: NOOP_MESSAGE(assignment.text) });
  }
  return reports;
}

export const wrongBroadcastAxis: Rule = {
  meta: {
    code: 'RL211',
    name: 'wrong-broadcast-axis',
    severity: 'warning',
    summary: 'A per-row statistic reduced without keepdim is combined with its tensor, or a shape fix assigns a name to itself.',
  },
  // Every finding is a REDUCTIONS call with `dim=`/`axis=` and no keepdim on its line, assigned to a name (combined
  // later), or `x = x` on a line of its own (under a `.dim()`/`.ndim`/`.shape` check).
  triggers: [
    // Cheap and necessary: a `dim=`/`axis=` for the first case, the shape check's `.dim`/`.ndim`/`.shape` for the second.
    /\b(?:dim|axis)\s*=|\.(?:n?dim|ndimension|shape)\b/,
    /^[ \t]*\w+\s*=\s*[\w.]*\b(?:mean|sum|std|var|masked_mean|masked_sum|masked_var|amax|amin|logsumexp|nanmean|nansum)\s*\((?![^\n]*keepdim)[^\n]*\b(?:dim|axis)\s*=|^[ \t]*(\w+)\s*=\s*\1[ \t]*$/m,
  ],
  python: checkPython,
};
