import type { Node as MorphNode } from 'ts-morph';
import { editFix, type Edit } from '../fix';
import { calleeMethod, descendants, enclosingScope, isInTestCode, rangeOf, type PyNode, type PythonFile } from '../languages/python';
import { assignmentHolding, mentions, targetNames } from '../languages/python-flow';
import { tsRangeOf, type TypeScriptFile } from '../languages/typescript';
import type { Rule, RuleReport } from '../rule';

/** Standard-deviation calls: `x.std()`, `np.std`, `torch.std`, `np.nanstd`, `statistics.stdev/pstdev`. */
const PYTHON_STD_CALLS = ['std', 'nanstd', 'stdev', 'pstdev'];

/** The same in JS/TS libraries (mathjs `std`, simple-statistics `standardDeviation`). */
const TYPESCRIPT_STD_CALLS = ['std', 'stdDev', 'stddev', 'standardDeviation', 'sampleStandardDeviation'];

/** A JS variable that holds `Math.sqrt(variance)` is a standard deviation when its name says so. */
const TYPESCRIPT_STD_NAME = /std|stdev|sigma/i;

/** Calls that catch the NaN/inf a zero division produces. */
const NON_FINITE_GUARDS = ['nan_to_num', 'nan_to_num_', 'isnan', 'isfinite', 'isinf'];

/**
 * Added to the standard deviation by the fix. A zero std comes with a zero numerator (every value equals the mean),
 * so any epsilon gives 0 there; 1e-6 (verl's GRPO default) also tames the float-noise std of nearly equal rewards
 * while staying far below the smallest real std of 0/1 rewards.
 */
const EPSILON = '1e-6';

const MESSAGE = 'Division by a standard deviation with no epsilon and no zero guard: a group whose rewards are all ' +
  'equal (common with 0/1 rewards) has std 0, and its advantages become NaN/inf.';

const FIX_DESCRIPTION = `Add ${EPSILON} to the standard deviation`;

function stripParentheses(node: PyNode): PyNode {
  return node.type === 'parenthesized_expression' && node.namedChild(0) ? stripParentheses(node.namedChild(0)!) : node;
}

function isStdCall(node: PyNode | null | undefined): boolean {
  return node?.type === 'call' && PYTHON_STD_CALLS.includes(calleeMethod(node));
}

/**
 * Values assigned in `scope` to `name` (`std = ...`, `mean, std = ..., ...`) or to an item of it (`name[k] = ...`);
 * undefined when one of them cannot be read (`std += eps`, `mean, std = stats`). The empty container a dictionary
 * of stds starts from (`id2std = {}`) is not a value.
 */
function assignedValues(scope: PyNode, name: string): PyNode[] | undefined {
  const values: PyNode[] = [];
  for (const assignment of descendants(scope, 'assignment', 'augmented_assignment')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (!left || !targetNames(left).includes(name)) continue;
    if (assignment.type === 'augmented_assignment' || !right) return undefined;
    const value = left.type === 'pattern_list' ? pairedValue(left, right, name) : right;
    if (!value) return undefined;
    if (!isEmptyContainer(value)) values.push(value);
  }
  return values;
}

/** `b` in `a, b = x, y` for `y`. */
function pairedValue(targets: PyNode, values: PyNode, name: string): PyNode | undefined {
  if (values.type !== 'expression_list' || values.namedChildCount !== targets.namedChildCount) return undefined;
  const index = targets.namedChildren.findIndex((t) => t?.text === name);
  return index === -1 ? undefined : values.namedChild(index) ?? undefined;
}

function isEmptyContainer(value: PyNode): boolean {
  if ((value.type === 'dictionary' || value.type === 'list') && value.namedChildCount === 0) return true;
  return value.type === 'call' && ['dict', 'defaultdict', 'list'].includes(calleeMethod(value));
}

/** A comparison or condition in `scope` mentions the divisor: `if std > 0`, `torch.where(std < eps, ...)`, `if std:`. */
function isGuarded(scope: PyNode, divisor: PyNode, name: string | undefined): boolean {
  const conditions = [
    ...descendants(scope, 'comparison_operator'),
    ...descendants(scope, 'if_statement', 'elif_clause', 'while_statement', 'assert_statement')
      .map((n) => n.childForFieldName('condition') ?? n.namedChild(0)),
    // `body if condition else alternative`
    ...descendants(scope, 'conditional_expression').map((n) => n.namedChild(1)),
  ].filter((n): n is PyNode => n !== null && n !== undefined);
  if (name) return conditions.some((c) => mentions(c, new Set([name])));
  return conditions.some((c) => descendants(c, 'call').some((call) => call.text === divisor.text));
}

/** The division's result is checked for NaN/inf, or the division happens inside such a check. */
function catchesNonFinite(scope: PyNode, division: PyNode): boolean {
  for (let p = division.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === 'call' && NON_FINITE_GUARDS.includes(calleeMethod(p))) return true;
  }
  const assignment = division.type === 'augmented_assignment' ? division : assignmentHolding(division);
  const results = new Set(targetNames(assignment?.childForFieldName('left') ?? null));
  return results.size > 0 && descendants(scope, 'call').some(
    (call) => NON_FINITE_GUARDS.includes(calleeMethod(call)) && mentions(call, results),
  );
}

/** The divisor holds a bare standard deviation: a std call, or a name every assignment of which is one. */
function isBareStd(scope: PyNode, divisor: PyNode, name: string | undefined): boolean {
  if (isStdCall(divisor)) return true;
  if (!name) return false;
  const values = assignedValues(scope, name);
  return values !== undefined && values.length > 0 && values.every((v) => isStdCall(stripParentheses(v)));
}

function divisions(root: PyNode): { division: PyNode; divisor: PyNode }[] {
  const found: { division: PyNode; divisor: PyNode }[] = [];
  for (const node of descendants(root, 'binary_operator', 'augmented_assignment')) {
    const operator = node.childForFieldName('operator')?.type;
    if (operator !== '/' && operator !== '/=') continue;
    const right = node.childForFieldName('right');
    if (right) found.push({ division: node, divisor: right });
  }
  return found;
}

function pythonFix(file: PythonFile, division: PyNode, divisor: PyNode) {
  const inner = stripParentheses(divisor);
  // `a / (std)` and `a /= std` take the epsilon as is; `a / std` needs parentheses around the sum.
  const edit: Edit = inner.id !== divisor.id || division.type === 'augmented_assignment'
    ? { start: inner.endIndex, end: inner.endIndex, text: ` + ${EPSILON}` }
    : { start: divisor.startIndex, end: divisor.endIndex, text: `(${divisor.text} + ${EPSILON})` };
  return editFix(file.source, FIX_DESCRIPTION, [edit]);
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const { division, divisor } of divisions(file.root)) {
    if (isInTestCode(division)) continue;
    const bare = stripParentheses(divisor);
    const scope = enclosingScope(division);
    // `std`, `self.std`, `stats["std"]`, and `id2std` for `id2std[idx]`: the name whose assignments decide its value.
    const [name] = targetNames(bare);
    if (!isBareStd(scope, bare, name) || isGuarded(scope, bare, name) || catchesNonFinite(scope, division)) continue;
    reports.push({ ...rangeOf(division), message: MESSAGE, fix: pythonFix(file, division, divisor) });
  }
  return reports;
}

function checkTypeScript(file: TypeScriptFile): RuleReport[] {
  const { Node, SyntaxKind } = file.morph;
  const reports: RuleReport[] = [];
  for (const division of file.sourceFile.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    const operator = division.getOperatorToken().getKind();
    if (operator !== SyntaxKind.SlashToken && operator !== SyntaxKind.SlashEqualsToken) continue;
    const divisor = division.getRight();
    const bare = Node.isParenthesizedExpression(divisor) ? divisor.getExpression() : divisor;
    const scope = typeScriptStdScope(file, bare);
    if (!scope || isTypeScriptGuarded(file, scope, bare)) continue;
    const edit: Edit = bare !== divisor || operator === SyntaxKind.SlashEqualsToken
      ? { start: bare.getEnd(), end: bare.getEnd(), text: ` + ${EPSILON}` }
      : { start: divisor.getStart(), end: divisor.getEnd(), text: `(${divisor.getText()} + ${EPSILON})` };
    reports.push({ ...tsRangeOf(division), message: MESSAGE, fix: editFix(file.source, FIX_DESCRIPTION, [edit]) });
  }
  return reports;
}

function typeScriptCallName(file: TypeScriptFile, node: MorphNode): string | undefined {
  const { Node } = file.morph;
  if (!Node.isCallExpression(node)) return undefined;
  const text = node.getExpression().getText();
  return text.slice(text.lastIndexOf('.') + 1);
}

/**
 * Where a bare standard deviation divisor comes from, the scope its guards would be in: the enclosing function
 * for a std call; for a variable, the function that declares it initialized with a std call (or with `Math.sqrt(...)`
 * under a std-like name) and never reassigns it. Undefined when the divisor is anything else.
 */
function typeScriptStdScope(file: TypeScriptFile, divisor: MorphNode): MorphNode | undefined {
  const { Node, SyntaxKind } = file.morph;
  const scopes = [...divisor.getAncestors().filter((a) => Node.isFunctionLikeDeclaration(a)), file.sourceFile];
  if (TYPESCRIPT_STD_CALLS.includes(typeScriptCallName(file, divisor) ?? '')) return scopes[0];
  if (!Node.isIdentifier(divisor)) return undefined;
  const name = divisor.getText();
  for (const scope of scopes) {
    const declaration = scope.getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((d) => d.getName() === name);
    const initializer = declaration?.getInitializer();
    if (!initializer) continue;
    const isStd = TYPESCRIPT_STD_CALLS.includes(typeScriptCallName(file, initializer) ?? '') ||
      (initializer.getText().startsWith('Math.sqrt(') && TYPESCRIPT_STD_NAME.test(name));
    const reassigned = scope.getDescendantsOfKind(SyntaxKind.BinaryExpression).some(
      (b) => b.getLeft().getText() === name && b.getOperatorToken().getText().endsWith('='),
    );
    return isStd && !reassigned ? scope : undefined;
  }
  return undefined;
}

/** A comparison or condition in the scope mentions the divisor (`std > 0 ? ... : ...`, `if (std === 0) return`). */
function isTypeScriptGuarded(file: TypeScriptFile, scope: MorphNode, divisor: MorphNode): boolean {
  const { Node, SyntaxKind } = file.morph;
  const comparisons = new Set([
    SyntaxKind.LessThanToken, SyntaxKind.LessThanEqualsToken,
    SyntaxKind.GreaterThanToken, SyntaxKind.GreaterThanEqualsToken,
    SyntaxKind.EqualsEqualsToken, SyntaxKind.EqualsEqualsEqualsToken, SyntaxKind.ExclamationEqualsToken,
    SyntaxKind.ExclamationEqualsEqualsToken,
  ]);
  const text = divisor.getText();
  const mentionsDivisor = (node: MorphNode) =>
    node.getText() === text || node.getDescendants().some((d) => d.getText() === text);
  return scope.getDescendants().some((node) =>
    (Node.isBinaryExpression(node) && comparisons.has(node.getOperatorToken().getKind()) && mentionsDivisor(node)) ||
    (Node.isConditionalExpression(node) && mentionsDivisor(node.getCondition())) ||
    ((Node.isIfStatement(node) || Node.isWhileStatement(node)) && mentionsDivisor(node.getExpression())));
}

export const stdWithoutEpsilon: Rule = {
  meta: {
    code: 'RL106',
    name: 'std-without-epsilon',
    severity: 'warning',
    summary: 'Rewards or advantages are divided by a standard deviation with no epsilon and no zero guard.',
    fix: 'unsafe',
  },
  // Every finding divides by a call of PYTHON_STD_CALLS or TYPESCRIPT_STD_CALLS (TS: `std<number>(`, `std?.(`), or by
  // a name holding one or a TS `Math.sqrt(`.
  triggers: [/\b(?:nan)?std\s*[(<?]|\bp?stdev\s*\(|\b(?:stdDev|stddev|standardDeviation|sampleStandardDeviation)\b|Math\.sqrt\(/],
  python: checkPython,
  typescript: checkTypeScript,
};
