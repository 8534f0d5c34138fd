import type { Node as MorphNode } from 'ts-morph';
import { editFix } from '../fix';
import {
  calleeName, descendants, functionName, isInTestCode, ownDescendants, parametersOf, positionalArguments, rangeOf,
  type PyNode, type PythonFile,
} from '../languages/python';
import { tsRangeOf, type TypeScriptFile } from '../languages/typescript';
import { nameWords } from '../names';
import type { Rule, RuleReport } from '../rule';

/**
 * Names of functions that grade an answer: F1, recall, precision, exact match, scores, rewards, and the verifiers and
 * test runners whose pass/fail becomes the reward (`run_tests`, `check_tool_calls`, `verify`, `judge`, `is_correct`).
 * Broader words (`check`, `evaluate`, `test`) only in these forms: they name many functions that grade nothing.
 */
const SCORING_FUNCTION = /f1|recall|precision|exact|(^|_)em$|score|reward|accura|.tests?$|check_?(?:answer|solution|correct|tool|call|output|result|test|code)|evaluate_?(?:answer|solution|response|prediction|code|tool)|verif|judge|grade|is_correct|correctness/i;

/** Words that name the reference answer in a variable name (`gt_tokens`, `goldToks`, `ground_truth`, `y_true`). */
const GROUND_TRUTH_WORDS = new Set([
  'gt', 'gts', 'gold', 'golds', 'truth', 'truths', 'true', 'target', 'targets', 'ref', 'refs', 'reference', 'references',
  'label', 'labels', 'expected', 'tests', 'cases', 'testcases',
]);

/** Names never bound to an answer: they do not make a derived value prediction-like. */
const RECEIVERS = new Set(['self', 'cls']);

/** Full credit as written: `return`/`else` before a 1, True, a cast or a comparison, or `= 1.0` / `= True` ending a line. */
const PYTHON_CREDIT = /\b(?:return|else)\s+\(?\s*(?:1(?:\.0*)?\b|True\b|(?:int|float|bool)\s*\(|[\w.[\]'"]+\s*==)|=\s*(?:1(?:\.0*)?|True)\s*(?:#.*)?$/m;

const DEF = /^([ \t]*)(?:async[ \t]+)?def[ \t]+([^\s(]+)/gm;
/** A line that ends a `def` when it is indented no deeper: another `def`, a `class`, a decorator. */
const DEFINITION = /^([ \t]*)(?:(?:async[ \t]+)?def[ \t]|class[ \t]|@)/gm;

/** A Python function the rule reads: named for scoring (SCORING_FUNCTION), not a pytest one. */
function isScoringName(name: string): boolean {
  return SCORING_FUNCTION.test(name) && !/^test/.test(name);
}

/**
 * The text of each scoring `def` of the source: from its line to the next line indented no deeper that starts a
 * `def`, a `class` or a decorator, outside a triple-quoted string.
 */
function scoringFunctionTexts(source: string): string[] {
  const texts: string[] = [];
  for (const def of source.matchAll(DEF)) {
    if (!isScoringName(def[2])) continue;
    let end = source.length;
    DEFINITION.lastIndex = def.index + def[0].length;
    for (let next = DEFINITION.exec(source); next; next = DEFINITION.exec(source)) {
      if (next[1].length > def[1].length) continue;
      const between = source.slice(def.index, next.index);
      if ((between.split('"""').length - 1) % 2 === 0 && (between.split("'''").length - 1) % 2 === 0) {
        end = next.index;
        break;
      }
    }
    texts.push(source.slice(def.index, end));
  }
  return texts;
}

/** A word of Python text: names, keywords and the like. */
const WORD = /[A-Za-z_]\w*/g;

/** A ground-truth word in a function's text: a parameter or a name bound there could hold the ground truth. */
function hasGroundTruthWord(text: string): boolean {
  return text.match(WORD)?.some(isGroundTruthName) ?? false;
}

function isGroundTruthName(name: string): boolean {
  return nameWords(name).some((word) => GROUND_TRUTH_WORDS.has(word));
}

function message(credit: string): string {
  return `Full credit (\`${credit}\`) when the ground truth is empty: an empty answer earns the maximum reward, ` +
    'and the policy learns that answering nothing pays. The SQuAD idiom is right for evaluation, not for a reward: return 0.';
}

function unparseableMessage(credit: string): string {
  return `Full credit (\`${credit}\`) when the ground truth cannot be parsed: every answer to a sample with a broken ` +
    'reference is paid the maximum, whatever it says. Return 0 or None (skip the sample) instead.';
}

/**
 * A test of whether `subject` is empty: `not gt`, `len(gt) == 0`, `gt == ""` (`empty: true`),
 * or of whether it has content: `gt`, `len(gt) > 0` (`empty: false`).
 */
interface EmptinessTest<N> {
  subject: N;
  /** True when the test holds for an empty subject. */
  empty: boolean;
}

/** `len(x) OP k` for the comparisons that say "x is empty" or "x is not empty"; undefined for the others. */
function lengthComparison(operator: string, bound: number): boolean | undefined {
  const empty: Record<string, number> = { '==': 0, '===': 0, '<': 1, '<=': 0 };
  const nonEmpty: Record<string, number> = { '!=': 0, '!==': 0, '>': 0, '>=': 1 };
  if (empty[operator] === bound) return true;
  if (nonEmpty[operator] === bound) return false;
  return undefined;
}

const MIRRORED: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

/** The language-specific reading of conditions, so that the guard logic below is written once for both languages. */
interface Reader<N> {
  test(node: N): EmptinessTest<N> | undefined;
  /** `a or b` / `a || b`, `a and b` / `a && b`: the operands; undefined for other nodes. */
  disjuncts(node: N): N[] | undefined;
  conjuncts(node: N): N[] | undefined;
  isGroundTruth(subject: N): boolean;
}

/** The condition holds whenever the ground truth is empty (`not gt`, `not gt or not pred`, `not gt and not pred`). */
function holdsWhenTruthEmpty<N>(reader: Reader<N>, condition: N): boolean {
  const disjuncts = reader.disjuncts(condition);
  if (disjuncts) return disjuncts.some((d) => holdsWhenTruthEmpty(reader, d));
  const conjuncts = reader.conjuncts(condition);
  if (conjuncts) {
    // Only "both empty": `not gt and pred == "N/A"` rewards an abstention, which can be right.
    return conjuncts.some((c) => holdsWhenTruthEmpty(reader, c)) && conjuncts.every((c) => reader.test(c)?.empty === true);
  }
  const test = reader.test(condition);
  return test !== undefined && test.empty && reader.isGroundTruth(test.subject);
}

/** The condition is false whenever the ground truth is empty (`gt`, `len(gt) > 0`, `gt and pred`). */
function failsWhenTruthEmpty<N>(reader: Reader<N>, condition: N): boolean {
  const conjuncts = reader.conjuncts(condition);
  if (conjuncts) return conjuncts.some((c) => failsWhenTruthEmpty(reader, c));
  const disjuncts = reader.disjuncts(condition);
  if (disjuncts) return disjuncts.every((d) => failsWhenTruthEmpty(reader, d));
  const test = reader.test(condition);
  return test !== undefined && !test.empty && reader.isGroundTruth(test.subject);
}

// ---------------------------------------------------------------- Python

function unparenthesized(node: PyNode): PyNode {
  return node.type === 'parenthesized_expression' && node.namedChild(0) ? unparenthesized(node.namedChild(0)!) : node;
}

/**
 * Names in a scoring function that hold the ground truth: parameters and locals named for it, and locals computed
 * from it alone (`t = set(normalize(truth).split())`), not from the prediction too (`common = pred & gold`).
 */
function pythonGroundTruthNames(fn: PyNode): Set<string> {
  const truth = new Set<string>();
  const other = new Set<string>();
  for (const { name } of parametersOf(fn)) {
    if (isGroundTruthName(name)) truth.add(name);
    else if (!RECEIVERS.has(name)) other.add(name);
  }
  for (const [target, value] of ownDescendants(fn, 'assignment', 'for_statement').flatMap(bindings)) {
    const used = descendants(value, 'identifier').map((i) => i.text);
    if (isGroundTruthName(target) || (used.some((n) => truth.has(n)) && !used.some((n) => other.has(n)))) {
      truth.add(target);
    } else if (used.some((n) => other.has(n))) {
      other.add(target);
    }
  }
  return truth;
}

/** The names an assignment or `for` binds, each with the value it gets: `pred, true = set(p), set(t)` pairs them up. */
function bindings(statement: PyNode): [string, PyNode][] {
  const target = statement.childForFieldName('left');
  const value = statement.childForFieldName('right');
  if (!target || !value) return [];
  if (target.type === 'identifier') return [[target.text, value]];
  if (target.type !== 'pattern_list' && target.type !== 'tuple_pattern') return [];
  const names = target.namedChildren.filter((n): n is PyNode => n?.type === 'identifier');
  const values = value.type === 'expression_list' || value.type === 'tuple' ? value.namedChildren : [];
  return names.map((name, i) => [name.text, values.length === names.length ? values[i]! : value]);
}

function pythonReader(truth: Set<string>): Reader<PyNode> {
  const booleanOperands = (node: PyNode, operator: string) => {
    const bare = unparenthesized(node);
    return bare.type === 'boolean_operator' && bare.childForFieldName('operator')?.text === operator
      ? [bare.childForFieldName('left')!, bare.childForFieldName('right')!]
      : undefined;
  };
  const isGroundTruth = (subject: PyNode): boolean => {
    if (subject.type === 'identifier') return truth.has(subject.text);
    if (subject.type === 'attribute') return isGroundTruthName(subject.childForFieldName('attribute')?.text ?? '');
    if (subject.type === 'subscript') return isGroundTruth(subject.childForFieldName('value')!);
    return false;
  };
  return { test: pythonEmptinessTest, disjuncts: (n) => booleanOperands(n, 'or'), conjuncts: (n) => booleanOperands(n, 'and'), isGroundTruth };
}

/** `len(x)` → x. */
function lengthArgument(node: PyNode): PyNode | undefined {
  if (node.type !== 'call' || calleeName(node) !== 'len') return undefined;
  const args = positionalArguments(node);
  return args.length === 1 ? args[0] : undefined;
}

function isEmptyLiteral(node: PyNode): boolean {
  if (node.type === 'string') return !node.namedChildren.some((c) => c?.type === 'string_content' || c?.type === 'interpolation');
  return (node.type === 'list' || node.type === 'tuple' || node.type === 'dictionary') && node.namedChildCount === 0;
}

function pythonEmptinessTest(node: PyNode): EmptinessTest<PyNode> | undefined {
  const bare = unparenthesized(node);
  if (bare.type === 'not_operator') {
    const inner = pythonEmptinessTest(bare.childForFieldName('argument')!);
    return inner && { subject: inner.subject, empty: !inner.empty };
  }
  if (bare.type === 'comparison_operator') {
    const operators = bare.childrenForFieldName('operators');
    if (operators.length !== 1) return undefined;
    let [left, right] = bare.namedChildren as PyNode[];
    let operator = operators[0].text;
    if (right.type === 'call' || isEmptyLiteral(left)) {
      [left, right] = [right, left];
      operator = MIRRORED[operator] ?? operator;
    }
    const measured = lengthArgument(left);
    if (measured && right.type === 'integer') {
      const empty = lengthComparison(operator, Number(right.text));
      return empty === undefined ? undefined : { subject: measured, empty };
    }
    if (isEmptyLiteral(right) && (operator === '==' || operator === '!=')) return { subject: left, empty: operator === '==' };
    return undefined;
  }
  const subject = lengthArgument(bare) ?? bare;
  return ['identifier', 'attribute', 'subscript'].includes(subject.type) ? { subject, empty: false } : undefined;
}

/** `pred == gold`, mentioning the ground truth: true exactly when both are empty, under an emptiness guard. */
function isTruthEquality(node: PyNode, truth: Set<string>): boolean {
  const bare = unparenthesized(node);
  return bare.type === 'comparison_operator' && bare.childrenForFieldName('operators').map((o) => o.text).join() === '==' &&
    descendants(bare, 'identifier').some((i) => truth.has(i.text));
}

/** The replacement that pays nothing, of the same type; undefined when the credit is not one value (a tuple). */
function pythonZero(node: PyNode, truth: Set<string>): string | undefined {
  const bare = unparenthesized(node);
  switch (bare.type) {
    case 'integer':
      return Number(bare.text) === 1 ? '0' : undefined;
    case 'float':
      return Number(bare.text) === 1 ? '0.0' : undefined;
    case 'true':
      return 'False';
    case 'comparison_operator':
      return isTruthEquality(bare, truth) ? 'False' : undefined;
    case 'call': {
      const cast = { int: '0', float: '0.0', bool: 'False' }[calleeName(bare)];
      const args = positionalArguments(bare);
      return cast && args.length === 1 && isTruthEquality(args[0], truth) ? cast : undefined;
    }
    case 'conditional_expression': {
      const [consequence, condition] = bare.namedChildren as PyNode[];
      return isTruthEquality(condition, truth) ? pythonZero(consequence, truth) : undefined;
    }
    default:
      return undefined;
  }
}

/** Full credit: `1`, `1.0`, `True`, `int(gold == pred)`, `1.0 if gold == pred else 0.0`, or a tuple that starts with one. */
function isPythonFullCredit(node: PyNode, truth: Set<string>): boolean {
  const bare = unparenthesized(node);
  if (bare.type === 'expression_list' || bare.type === 'tuple') {
    return bare.namedChild(0) ? isPythonFullCredit(bare.namedChild(0)!, truth) : false;
  }
  return pythonZero(bare, truth) !== undefined;
}

/**
 * The values a block gives the function's result: its `return` values, and values it assigns to a name that is
 * returned or appended to a returned list (`reward = 1.0`, then `rewards.append(reward)`).
 */
function returnedValues(block: PyNode | null, fn: PyNode): PyNode[] {
  return (block?.namedChildren ?? []).flatMap((statement) => {
    if (statement?.type === 'return_statement') return statement.namedChild(0) ? [statement.namedChild(0)!] : [];
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    const value = assignment?.childForFieldName('right');
    return target?.type === 'identifier' && value && reachesResult(target.text, fn) ? [value] : [];
  });
}

/** A name whose value is the function's result: returned, or appended to a list that is returned. */
function reachesResult(name: string, fn: PyNode): boolean {
  const returned = new Set(ownDescendants(fn, 'return_statement').map((r) => r.namedChild(0)?.text));
  if (returned.has(name)) return true;
  return ownDescendants(fn, 'call').some((call) => {
    const callee = call.childForFieldName('function');
    return callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'append' &&
      returned.has(callee.childForFieldName('object')?.text) && positionalArguments(call)[0]?.text === name;
  });
}

/** The value reaches the function's result: returned, or assigned to a name that is returned. */
function isReturned(value: PyNode, fn: PyNode): boolean {
  let node = value;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  if (node.parent?.type === 'return_statement') return true;
  const target = node.parent?.type === 'assignment' ? node.parent.childForFieldName('left') : undefined;
  return target?.type === 'identifier' &&
    ownDescendants(fn, 'return_statement').some((r) => r.namedChild(0)?.text === target.text);
}

/** `try: gold = parse(ground_truth)` ... `except ...: return 1.0`: the handlers of a try that reads the ground truth. */
function parseFailureHandlers(fn: PyNode, truth: Set<string>): PyNode[] {
  return ownDescendants(fn, 'try_statement').flatMap((statement) => {
    const body = statement.childForFieldName('body');
    const readsTruth = body !== null && descendants(body, 'call').some((call) =>
      call.childForFieldName('arguments')?.namedChildren.some((arg) =>
        arg !== null && descendants(arg, 'identifier').some((i) => truth.has(i.text))));
    return readsTruth ? statement.namedChildren.filter((c): c is PyNode => c?.type === 'except_clause') : [];
  });
}

function checkPython(file: PythonFile): RuleReport[] {
  const reports: RuleReport[] = [];
  const report = (credit: PyNode, truth: Set<string>, text = message(credit.text)) => {
    const zero = pythonZero(credit, truth);
    const fix = zero && editFix(file.source, `Return ${zero} for an empty ground truth`, [{ start: credit.startIndex, end: credit.endIndex, text: zero }]);
    reports.push({ ...rangeOf(credit), message: text, ...(fix ? { fix } : {}) });
  };
  for (const fn of descendants(file.root, 'function_definition')) {
    // The ground truth is a parameter or a name bound here (or derived from one): no word of its text, no ground truth.
    if (!isScoringName(functionName(fn)) || isInTestCode(fn) || !hasGroundTruthWord(fn.text)) continue;
    const truth = pythonGroundTruthNames(fn);
    if (truth.size === 0) continue;
    const reader = pythonReader(truth);
    for (const branch of ownDescendants(fn, 'if_statement', 'elif_clause')) {
      const condition = branch.childForFieldName('condition')!;
      const guarded = holdsWhenTruthEmpty(reader, condition) ? returnedValues(branch.childForFieldName('consequence'), fn) : [];
      const alternatives = branch.childrenForFieldName('alternative');
      const otherwise = alternatives.length === 1 && alternatives[0].type === 'else_clause' && failsWhenTruthEmpty(reader, condition)
        ? returnedValues(alternatives[0].childForFieldName('body'), fn)
        : [];
      for (const value of [...guarded, ...otherwise]) if (isPythonFullCredit(value, truth)) report(value, truth);
    }
    for (const handler of parseFailureHandlers(fn, truth)) {
      const block = handler.namedChildren.find((c) => c?.type === 'block') ?? null;
      for (const value of returnedValues(block, fn)) {
        if (isPythonFullCredit(value, truth)) report(value, truth, unparseableMessage(value.text));
      }
    }
    for (const choice of ownDescendants(fn, 'conditional_expression')) {
      if (!isReturned(choice, fn)) continue;
      const [consequence, condition, alternative] = choice.namedChildren as PyNode[];
      if (holdsWhenTruthEmpty(reader, condition) && isPythonFullCredit(consequence, truth)) report(consequence, truth);
      if (failsWhenTruthEmpty(reader, condition) && isPythonFullCredit(alternative, truth)) report(alternative, truth);
    }
  }
  return reports;
}

// ---------------------------------------------------------------- TypeScript / JavaScript

function checkTypeScript(file: TypeScriptFile): RuleReport[] {
  const { Node, SyntaxKind } = file.morph;
  const reports: RuleReport[] = [];

  const unwrap = (node: MorphNode): MorphNode => (Node.isParenthesizedExpression(node) ? unwrap(node.getExpression()) : node);
  const operatorOf = (node: MorphNode) => (Node.isBinaryExpression(node) ? node.getOperatorToken().getText() : undefined);

  /** The name a function is known by: its own, or the variable or property it is assigned to. */
  const nameOf = (fn: MorphNode): string => {
    if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return fn.getName() ?? '';
    const parent = fn.getParent();
    return parent && (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent)) ? parent.getName() : '';
  };
  const isFunction = (node: MorphNode) => Node.isFunctionLikeDeclaration(node) || Node.isFunctionExpression(node);
  const ownerOf = (node: MorphNode) => node.getFirstAncestor(isFunction);

  const groundTruthNames = (fn: MorphNode): Set<string> => {
    const truth = new Set<string>();
    const other = new Set<string>();
    const parameters = Node.isFunctionLikeDeclaration(fn) || Node.isFunctionExpression(fn) ? fn.getParameters() : [];
    for (const name of parameters.map((p) => p.getName())) (isGroundTruthName(name) ? truth : other).add(name);
    for (const declaration of fn.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
      const value = declaration.getInitializer();
      if (!value || ownerOf(declaration) !== fn || !Node.isIdentifier(declaration.getNameNode())) continue;
      const used = [value, ...value.getDescendantsOfKind(SyntaxKind.Identifier)].filter(Node.isIdentifier).map((i) => i.getText());
      const name = declaration.getName();
      if (isGroundTruthName(name) || (used.some((n) => truth.has(n)) && !used.some((n) => other.has(n)))) truth.add(name);
      else if (used.some((n) => other.has(n))) other.add(name);
    }
    return truth;
  };

  const lengthOf = (node: MorphNode): MorphNode | undefined =>
    Node.isPropertyAccessExpression(node) && ['length', 'size'].includes(node.getName()) ? node.getExpression() : undefined;
  const isEmptyLiteral = (node: MorphNode) =>
    (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) ? node.getLiteralValue() === ''
      : Node.isArrayLiteralExpression(node) && node.getElements().length === 0;

  const emptinessTest = (node: MorphNode): EmptinessTest<MorphNode> | undefined => {
    const bare = unwrap(node);
    if (Node.isPrefixUnaryExpression(bare) && bare.getOperatorToken() === SyntaxKind.ExclamationToken) {
      const inner = emptinessTest(bare.getOperand());
      return inner && { subject: inner.subject, empty: !inner.empty };
    }
    const operator = operatorOf(bare);
    if (Node.isBinaryExpression(bare) && operator && operator !== '&&' && operator !== '||') {
      let [left, right] = [unwrap(bare.getLeft()), unwrap(bare.getRight())];
      let op = operator;
      if (Node.isNumericLiteral(left) || isEmptyLiteral(left)) {
        [left, right] = [right, left];
        op = MIRRORED[op] ?? op;
      }
      const measured = lengthOf(left);
      if (measured && Node.isNumericLiteral(right)) {
        const empty = lengthComparison(op, right.getLiteralValue());
        return empty === undefined ? undefined : { subject: measured, empty };
      }
      if (isEmptyLiteral(right) && ['==', '===', '!=', '!=='].includes(op)) return { subject: left, empty: op.startsWith('=') };
      return undefined;
    }
    const subject = lengthOf(bare) ?? bare;
    return Node.isIdentifier(subject) || Node.isPropertyAccessExpression(subject) || Node.isElementAccessExpression(subject)
      ? { subject, empty: false }
      : undefined;
  };

  const reader = (truth: Set<string>): Reader<MorphNode> => {
    const operands = (node: MorphNode, operator: string) => {
      const bare = unwrap(node);
      return Node.isBinaryExpression(bare) && operatorOf(bare) === operator ? [bare.getLeft(), bare.getRight()] : undefined;
    };
    const isGroundTruth = (subject: MorphNode): boolean => {
      if (Node.isIdentifier(subject)) return truth.has(subject.getText());
      if (Node.isPropertyAccessExpression(subject)) return isGroundTruthName(subject.getName());
      if (Node.isElementAccessExpression(subject)) return isGroundTruth(subject.getExpression());
      return false;
    };
    return { test: emptinessTest, disjuncts: (n) => operands(n, '||'), conjuncts: (n) => operands(n, '&&'), isGroundTruth };
  };

  const isTruthEquality = (node: MorphNode, truth: Set<string>) => {
    const bare = unwrap(node);
    return ['==', '==='].includes(operatorOf(bare) ?? '') &&
      bare.getDescendantsOfKind(SyntaxKind.Identifier).some((i) => truth.has(i.getText()));
  };

  /** The replacement that pays nothing; undefined when the value is not full credit. */
  const zeroFor = (node: MorphNode, truth: Set<string>): string | undefined => {
    const bare = unwrap(node);
    if (Node.isNumericLiteral(bare)) return bare.getLiteralValue() === 1 ? (bare.getText().includes('.') ? '0.0' : '0') : undefined;
    if (Node.isTrueLiteral(bare)) return 'false';
    if (isTruthEquality(bare, truth)) return 'false';
    if (Node.isCallExpression(bare) && bare.getExpression().getText() === 'Number' && bare.getArguments().length === 1) {
      return isTruthEquality(bare.getArguments()[0], truth) ? '0' : undefined;
    }
    if (Node.isPrefixUnaryExpression(bare) && bare.getOperatorToken() === SyntaxKind.PlusToken) {
      return isTruthEquality(bare.getOperand(), truth) ? '0' : undefined;
    }
    if (Node.isConditionalExpression(bare) && isTruthEquality(bare.getCondition(), truth)) return zeroFor(bare.getWhenTrue(), truth);
    return undefined;
  };

  const report = (credit: MorphNode, truth: Set<string>) => {
    const zero = zeroFor(credit, truth);
    if (zero === undefined) return;
    const fix = editFix(file.source, `Return ${zero} for an empty ground truth`, [{ start: credit.getStart(), end: credit.getEnd(), text: zero }]);
    reports.push({ ...tsRangeOf(credit), message: message(credit.getText()), fix });
  };

  const returnedValues = (statement: MorphNode | undefined): MorphNode[] => {
    const statements = statement && Node.isBlock(statement) ? statement.getStatements() : statement ? [statement] : [];
    return statements.flatMap((s) => (Node.isReturnStatement(s) && s.getExpression() ? [s.getExpression()!] : []));
  };

  /** The value is the function's result: returned, an arrow's body, or assigned to a name that is returned. */
  const isReturned = (value: MorphNode, fn: MorphNode): boolean => {
    let node = value;
    while (Node.isParenthesizedExpression(node.getParentOrThrow())) node = node.getParentOrThrow();
    const parent = node.getParentOrThrow();
    if (Node.isReturnStatement(parent) || (Node.isArrowFunction(parent) && parent.getBody() === node)) return true;
    if (!Node.isVariableDeclaration(parent)) return false;
    const name = parent.getName();
    return fn.getDescendantsOfKind(SyntaxKind.ReturnStatement).some((r) => ownerOf(r) === fn && r.getExpression()?.getText() === name);
  };

  for (const fn of file.sourceFile.getDescendants().filter(isFunction)) {
    if (!SCORING_FUNCTION.test(nameOf(fn))) continue;
    const truth = groundTruthNames(fn);
    if (truth.size === 0) continue;
    const read = reader(truth);
    for (const branch of fn.getDescendantsOfKind(SyntaxKind.IfStatement).filter((s) => ownerOf(s) === fn)) {
      const condition = branch.getExpression();
      const guarded = holdsWhenTruthEmpty(read, condition) ? returnedValues(branch.getThenStatement()) : [];
      const otherwise = branch.getElseStatement();
      const fallback = otherwise && !Node.isIfStatement(otherwise) && failsWhenTruthEmpty(read, condition) ? returnedValues(otherwise) : [];
      for (const value of [...guarded, ...fallback]) report(value, truth);
    }
    for (const choice of fn.getDescendantsOfKind(SyntaxKind.ConditionalExpression)) {
      if (ownerOf(choice) !== fn || !isReturned(choice, fn)) continue;
      if (holdsWhenTruthEmpty(read, choice.getCondition())) report(choice.getWhenTrue(), truth);
      if (failsWhenTruthEmpty(read, choice.getCondition())) report(choice.getWhenFalse(), truth);
    }
  }
  return reports;
}

export const rewardOnEmptyGroundTruth: Rule = {
  meta: {
    code: 'RL102',
    name: 'reward-on-empty-ground-truth',
    severity: 'error',
    summary: 'A scoring function (F1, exact match, a verifier, a test runner) gives full credit when the reference is empty or unparseable.',
    fix: 'unsafe',
  },
  // Every finding is in a `def` whose name SCORING_FUNCTION matches (`def compute_score(`, `def f1[T](`, `def _em(`;
  // `test` after another character: a pytest `def test_...` is test code, not a runner of test cases), and gives full
  // credit: `return`/`else` before a 1, True, a cast or a comparison (`return int(gold == pred)`, `... else 1.0`), or
  // `= 1.0` / `= True` ending a line (a credit assigned, then returned).
  triggers: [
    /\bdef\s+(?:[^\s(]*(?:f1|recall|precision|exact|score|reward|accura|check_?(?:answer|solution|correct|tool|call|output|result|test|code)|evaluate_?(?:answer|solution|response|prediction|code|tool)|verif|judge|grade|is_correct|correctness)|[^\s(]+tests?[\s([]|(?:[^\s(]*_)?em[\s([])/i,
    PYTHON_CREDIT,
    // Both in the text of one such `def`, with a ground-truth word (the ground truth is a name bound there).
    (source) => scoringFunctionTexts(source).some((text) => PYTHON_CREDIT.test(text) && hasGroundTruthWord(text)),
  ],
  // A TS/JS function takes its name in many ways: a declaration, a method, a variable or property it is assigned to
  // (`function f1(`, `async score(`, `const checkAnswer =`, `{ reward: (`), so the name's words are looked for after
  // `function`, `const`/`let`/`var`, a line start, `{`, `,` or `;`, before `(`, `<`, `=`, `:` or `?`. The credit is a
  // 1, true, a `Number(`/`+(` cast or an equality after `return`, `=>`, `?` or `:`.
  typescriptTriggers: [
    /(?:\bfunction\b|\b(?:const|let|var)\b|^|[{,;])[\s*]*(?:(?:export|default|public|private|protected|static|async|readonly|override|get|set)\b[\s*]+)*[\w$]*(?:f1|recall|precision|exact|(?:\b|_)em\b|score|reward|accura|tests?\b|check_?(?:answer|solution|correct|tool|call|output|result|test|code)|evaluate_?(?:answer|solution|response|prediction|code|tool)|verif|judge|grade|is_?correct|correctness)[\w$]*\s*(?:[(<=:]|\?\s*[(:])/im,
    /(?:\breturn|=>|[?:])\s*\(?\s*(?:1(?:\.0*)?\b|true\b|Number\s*\(|\+\s*\(|[\w.[\]'"]+(?:\.join\([^)]*\))?\s*===?)/,
  ],
  python: checkPython,
  typescript: checkTypeScript,
};
