import { descendants, rangeOf, stringValue, type PyNode, type PythonFile } from '../languages/python';
import { divisions, isInTestFunction } from '../languages/python-tensors';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

const GROUP_MODES = new Set(['group', 'local', 'grouped', 'per_group', 'group_std']);
const BATCH_MODES = new Set(['batch', 'global', 'batch_std']);

type Scope = 'group' | 'batch';

/** A statistic of a branch and what it is taken over; `weak` evidence can confirm a mode, never contradict one. */
interface Statistic {
  scope: Scope;
  node: PyNode;
  weak?: boolean;
}

const MESSAGE = (modes: string, scope: Scope, evidence: string) =>
  `The \`${modes}\` branch uses ${scope === 'group' ? 'per-group' : 'batch-wide'} statistics (\`${evidence}\`): the ` +
  `mode says ${scope === 'group' ? 'batch-wide' : 'per-group'}. Swapped branches train with the other normalization ` +
  'while the config and the logs name this one (TRL#3992 and prime-rl#1188 shipped exactly this swap).';

const NONE_MESSAGE = (evidence: string) =>
  `The advantages are divided by a standard deviation (\`${evidence}\`) in a branch taken for \`"none"\`: with ` +
  'scaling off, the advantages must stay unscaled (Dr. GRPO), or the mode does nothing.';

/** The mode strings a condition compares with (`m == "group"`, `m in ["batch", "none"]`), unless negated. */
function comparedModes(condition: PyNode): string[] {
  if (condition.type !== 'comparison_operator') return [];
  const operators = condition.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
  if (operators.length !== 1 || !['==', 'in'].includes(operators[0])) return [];
  const right = condition.namedChild(1);
  const values = right?.type === 'list' || right?.type === 'tuple' || right?.type === 'set' ? right.namedChildren : [right];
  return values.map((v) => stringValue(v)?.toLowerCase()).filter((v): v is string => v !== undefined);
}

/** What a branch's statistics are taken over, by names (`global_std`, `std_grouped`) and by grouping (`.view(-1, n).std(dim=1)`). */
function statisticScopes(body: PyNode): Statistic[] {
  const found: Statistic[] = [];
  for (const name of descendants(body, 'identifier')) {
    const words = nameWords(name.text);
    if (!words.includes('std')) continue;
    if (words.some((w) => w === 'global' || w === 'batch')) found.push({ scope: 'batch', node: name });
    else if (words.some((w) => w === 'group' || w === 'grouped' || w === 'local')) found.push({ scope: 'group', node: name });
  }
  for (const call of descendants(body, 'call')) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'std') continue;
    const grouped = /\.(?:view|reshape|unflatten)\s*\(/.test(callee.childForFieldName('object')?.text ?? '');
    const reduced = (call.childForFieldName('arguments')?.namedChildCount ?? 0) > 0;
    if (grouped && reduced) found.push({ scope: 'group', node: call });
    // `rewards.std()` over a whole tensor: batch-wide in a batch branch, but the tensor may be one group's (a
    // function that normalizes one group), so it is never the evidence of a mismatch.
    else if (!grouped && !reduced) found.push({ scope: 'batch', node: call, weak: true });
  }
  return found;
}

/** The `if`/`elif` branches of a mode switch, with their modes and bodies. */
function modeBranches(root: PyNode): { condition: PyNode; modes: string[]; body: PyNode }[] {
  return descendants(root, 'if_statement', 'elif_clause').flatMap((branch) => {
    const condition = branch.childForFieldName('condition');
    const body = branch.childForFieldName('consequence');
    const modes = condition ? comparedModes(condition) : [];
    return condition && body && modes.length > 0 ? [{ condition, modes, body }] : [];
  });
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const { condition, modes, body } of modeBranches(file.root)) {
    if (isInTestFunction(condition)) continue;
    const group = modes.some((m) => GROUP_MODES.has(m));
    const batch = modes.some((m) => BATCH_MODES.has(m));
    const label = modes.join('", "');
    if (group !== batch) {
      const scopes = statisticScopes(body);
      const expected: Scope = group ? 'group' : 'batch';
      const wrong = scopes.find((s) => s.scope !== expected && !s.weak);
      if (wrong && !scopes.some((s) => s.scope === expected)) {
        reports.push({ ...rangeOf(condition), message: MESSAGE(`"${label}"`, wrong.scope, wrong.node.text) });
        continue;
      }
    }
    if (modes.includes('none')) {
      const scaled = divisions(body).find(({ divisor }) => /\bstd\b|_std\b|\bstd_/.test(divisor.text));
      if (scaled) reports.push({ ...rangeOf(condition), message: NONE_MESSAGE(scaled.node.text) });
    }
  }
  return reports;
}

export const advantageModeMismatch: Rule = {
  meta: {
    code: 'RL403',
    name: 'advantage-mode-mismatch',
    severity: 'warning',
    summary: 'A reward or advantage normalization mode\'s branch uses the statistics of another mode.',
  },
  // Every finding compares with a mode string (`== "group"`, `in ["batch", "none"]`) and reads a `std`.
  triggers: [
    /(?:==|\bin)\s*[([{]?\s*["'](?:group|local|grouped|per_group|group_std|batch|global|batch_std|none)["']/i,
    'std',
  ],
  python: checkPython,
};
