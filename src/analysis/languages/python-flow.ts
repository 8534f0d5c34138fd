/**
 * Intra-function value flow for Python rules: which names hold a value derived from some expression.
 * Over-approximating within one function (no types, no calls followed, a value flows through every call but the
 * barriers), ordered only by source position and loops (`runsAfter`): rules use it to connect a source (a decode,
 * a templated prompt) to a sink (a generate call, a tokenizer call) in the same function.
 */
import { calleeMethod, callsNamed, descendants, isInNestedDefinition, sourceOf, type PyNode } from './python';

/** Methods that put their argument inside the receiver (`texts.append(text)` makes `texts` hold `text`). */
const MUTATING_METHODS = ['append', 'extend', 'insert', 'add', 'update', 'appendleft', 'setdefault'];

/** Stops a value from flowing through a call (`len(texts)` holds a number, not the texts). */
export type Barrier = (call: PyNode) => boolean;

const isLengthCall: Barrier = (call) => calleeMethod(call) === 'len';

/** Reading a count off a value: `ids["attention_mask"].sum()`, `ids.shape`, `x.numel()`. */
const MEASURES = ['sum', 'numel', 'size', 'shape', 'count_nonzero'];

/** `value` flows straight into a measurement: `len(value)`, `value["attention_mask"].int().sum()`, `value.shape`. */
export function isMeasured(value: PyNode): boolean {
  let node = value;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'argument_list' && parent.parent && calleeMethod(parent.parent) === 'len') return true;
    const chained = (parent.type === 'subscript' && parent.childForFieldName('value')?.id === node.id) ||
      (parent.type === 'attribute' && parent.childForFieldName('object')?.id === node.id) ||
      (parent.type === 'call' && parent.childForFieldName('function')?.id === node.id);
    if (!chained) return false;
    const attribute = parent.type === 'attribute' ? parent.childForFieldName('attribute')?.text : undefined;
    if (attribute && MEASURES.includes(attribute)) return true;
  }
  return false;
}

/**
 * The value of a call only serves to measure it: measured right away, or assigned to a name that every later use
 * measures (SFT code finding where the response starts, filtering long samples by their token count).
 */
export function isOnlyMeasured(call: PyNode, scope: PyNode): boolean {
  if (isMeasured(call)) return true;
  // `ids = tokenizer(text).input_ids`: the name holds the call's value, read through attributes and subscripts.
  let value = call;
  while (value.parent && ((value.parent.type === 'attribute' && value.parent.childForFieldName('object')?.id === value.id) ||
    (value.parent.type === 'subscript' && value.parent.childForFieldName('value')?.id === value.id))) value = value.parent;
  const assignment = assignmentHolding(call);
  const target = assignment?.childForFieldName('left');
  if (assignment?.childForFieldName('right')?.id !== value.id || target?.type !== 'identifier') return false;
  const uses = references(scope).filter(
    (ref) => ref.name === target.text && ref.node.id !== target.id && runsAfter(call, ref.node),
  );
  return uses.length > 0 && uses.every((use) => isMeasured(use.node) || isIteratedToMeasure(use.node));
}

/** `[len(ids) for ids in value]`: a comprehension that only measures each item of the value. */
function isIteratedToMeasure(value: PyNode): boolean {
  const clause = value.parent;
  const variable = clause?.type === 'for_in_clause' && clause.childForFieldName('right')?.id === value.id
    ? clause.childForFieldName('left') : undefined;
  if (variable?.type !== 'identifier' || !clause?.parent) return false;
  const uses = descendants(clause.parent, 'identifier').filter((n) => n.text === variable.text && n.id !== variable.id);
  return uses.length > 0 && uses.every(isMeasured);
}

/** `"prompt"` for the string `"prompt"`, undefined for anything but a plain string literal. */
function stringKey(node: PyNode | null): string | undefined {
  if (node?.type !== 'string' || node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

/**
 * The name a node stands for: `texts`, `self.prompts`, or `batch["response"]` for an item read with a string key
 * (so that writing one key of a dict does not taint the whole dict).
 */
function nameOf(node: PyNode): string | undefined {
  if (node.type === 'identifier' || node.type === 'attribute') return node.text;
  return node.type === 'subscript' ? subscriptName(node) : undefined;
}

/** A subscript's name: `batch["response"]`; undefined unless its key is a plain string and its container a name. */
function subscriptName(node: PyNode): string | undefined {
  const key = stringKey(node.childForFieldName('subscript'));
  const container = node.childForFieldName('value');
  return key !== undefined && (container?.type === 'identifier' || container?.type === 'attribute')
    ? `${container.text}[${JSON.stringify(key)}]`
    : undefined;
}

/**
 * An identifier (whose text is `name`) that names an attribute's field (`texts` in `batch.texts`) or a keyword
 * (`text=`). Most identifiers have neither a `.` before them nor a lone `=` after them on their line: the text around
 * them tells, with no question to the tree. The tree is asked where it may be either, or a line break, a `\` or a
 * comment stands between.
 */
function isFieldOrKeywordName(identifier: PyNode, name: string, source: string): boolean {
  let before = identifier.startIndex - 1;
  while (source[before] === ' ' || source[before] === '\t') before--;
  let after = identifier.startIndex + name.length;
  while (source[after] === ' ' || source[after] === '\t') after++;
  const maybeField = before < 0 || '.\n\r\\'.includes(source[before]);
  const maybeKeyword = after >= source.length || '\n\r\\#'.includes(source[after]) || (source[after] === '=' && source[after + 1] !== '=');
  if (!maybeField && !maybeKeyword) return false;
  const parent = identifier.parent;
  return (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === identifier.id) ||
    (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === identifier.id);
}

/**
 * The names `node` reads, with the node that reads each, in source order: `texts`, `self.prompts`,
 * `batch["response"]` (and `batch`). An attribute's field name (`texts` in `batch.texts`) and a keyword's name
 * (`text=`) are not references.
 */
export function references(node: PyNode): { node: PyNode; name: string }[] {
  let found = referencesOf.get(node);
  if (!found) {
    const source = sourceOf(node);
    found = [
      ...descendants(node, 'identifier').flatMap((n) => {
        const name = n.text;
        return isFieldOrKeywordName(n, name, source) ? [] : [{ node: n, name }];
      }),
      ...descendants(node, 'attribute').map((n) => ({ node: n, name: n.text })),
      ...descendants(node, 'subscript').flatMap((n) => {
        const name = subscriptName(n);
        return name === undefined ? [] : [{ node: n, name }];
      }),
    ].sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
    referencesOf.set(node, found);
  }
  return found;
}

/**
 * The references and the text of nodes asked about again and again, by node object (the node lists and the flow
 * edges hand every question the same objects): `derivedNames` asks each edge's value again at each round.
 */
const referencesOf = new WeakMap<PyNode, { node: PyNode; name: string }[]>();
const textsOf = new WeakMap<PyNode, string>();

/** True when `node` mentions one of `names`, outside calls that `barrier` (and `len`) stop. */
export function mentions(node: PyNode, names: ReadonlySet<string>, barrier?: Barrier): boolean {
  // A reference's text holds its name up to the first `[` (see nameOf): a look at the text before the tree.
  let text = textsOf.get(node);
  if (text === undefined) textsOf.set(node, (text = node.text));
  for (const name of names) {
    const bracket = name.indexOf('[');
    if (text.includes(bracket === -1 ? name : name.slice(0, bracket))) {
      return references(node).some((ref) => names.has(ref.name) && !isBlocked(ref.node, node, barrier));
    }
  }
  return false;
}

function isBlocked(ref: PyNode, root: PyNode, barrier: Barrier | undefined): boolean {
  for (let p = ref.parent; p && p.id !== root.parent?.id; p = p.parent) {
    if (p.type === 'call' && (isLengthCall(p) || barrier?.(p))) return true;
  }
  return false;
}

/** True when `inner` is `outer` or lies inside it. */
export function contains(outer: PyNode, inner: PyNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/**
 * The assignment (`=`, `+=`) whose right-hand side holds the value of `expression`, through awaits, lambdas,
 * comprehensions and enclosing calls; undefined when the value is not assigned in its statement.
 */
export function assignmentHolding(expression: PyNode): PyNode | undefined {
  for (let node = expression.parent; node; node = node.parent) {
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const right = node.childForFieldName('right');
      return right && contains(right, expression) ? node : undefined;
    }
    if (['block', 'module', 'function_definition', 'class_definition'].includes(node.type)) return undefined;
  }
  return undefined;
}

/**
 * The names that receive the value of `expression` in its statement: the assignment's targets
 * (`texts = decode(...)`), or the container it is put into (`texts.append(decode(...))`).
 */
export function receivingNames(expression: PyNode): string[] {
  const assignment = assignmentHolding(expression);
  if (assignment) return targetNames(assignment.childForFieldName('left'));
  for (let node = expression.parent; node && node.type !== 'block' && node.type !== 'module'; node = node.parent) {
    if (node.type === 'call' && MUTATING_METHODS.includes(calleeMethod(node))) {
      return targetNames(node.childForFieldName('function')?.childForFieldName('object') ?? null);
    }
  }
  return [];
}

/** The names an assignment or `for` target binds: `a`, `self.a`, both of `a, b`, `d["k"]`, and `d` for `d[k]`. */
export function targetNames(target: PyNode | null): string[] {
  if (!target) return [];
  switch (target.type) {
    case 'identifier':
    case 'attribute':
      return [target.text];
    case 'subscript': {
      const name = nameOf(target) ?? targetNames(target.childForFieldName('value'))[0];
      return name === undefined ? [] : [name];
    }
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
      return target.namedChildren.flatMap((child) => targetNames(child));
    default:
      return [];
  }
}

/**
 * True when `node` can run after `origin`: it comes later in the source, or a loop of the function holds both
 * (the next iteration). Keeps a name reused before the origin (`text` for the prompts, then for a reply) apart.
 * A `return`, `raise` or `break` right after the origin ends what can follow it.
 */
export function runsAfter(origin: PyNode, node: PyNode): boolean {
  const { end, exitEnd, resumeAt, loops } = continuationOf(origin);
  if (exitEnd !== undefined) {
    if (node.startIndex >= end && node.endIndex <= exitEnd) return true;
    return resumeAt !== undefined && node.startIndex >= resumeAt;
  }
  return node.startIndex >= end || loops.some((loop) => node.startIndex >= loop.start && node.endIndex <= loop.end);
}

/** What runsAfter needs to know of an origin, as offsets. */
interface Continuation {
  end: number;
  /** The end of the `return`, `raise` or `break` that ends the origin's block after it, if any. */
  exitEnd?: number;
  /** For a `break`: the end of the loop it leaves, where code runs again. */
  resumeAt?: number;
  /** The loops around the origin in its function: their next iteration runs all they hold again. */
  loops: { start: number; end: number }[];
}

/** Rules ask whether each call or assignment of a function runs after one origin: its facts are read once. */
const continuations = new WeakMap<PyNode, Continuation>();

function continuationOf(origin: PyNode): Continuation {
  let continuation = continuations.get(origin);
  if (!continuation) {
    const exit = exitAfter(origin);
    const loops: Continuation['loops'] = [];
    for (let loop = enclosingLoop(origin); loop; loop = enclosingLoop(loop)) loops.push({ start: loop.startIndex, end: loop.endIndex });
    continuation = { end: origin.endIndex, loops };
    if (exit && exit.type !== 'continue_statement') {
      continuation.exitEnd = exit.endIndex;
      if (exit.type === 'break_statement') continuation.resumeAt = enclosingLoop(exit)?.endIndex;
    }
    continuations.set(origin, continuation);
  }
  return continuation;
}

const EXITS = ['return_statement', 'raise_statement', 'break_statement', 'continue_statement'];

/** The `return`/`raise`/`break`/`continue` statement, if any, that ends the block holding `node` after it. */
function exitAfter(node: PyNode): PyNode | undefined {
  let statement = node;
  while (statement.parent && statement.parent.type !== 'block') statement = statement.parent;
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (EXITS.includes(next.type)) return next;
  }
  return undefined;
}

function enclosingLoop(node: PyNode): PyNode | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') return p;
    if (p.type === 'function_definition' || p.type === 'lambda') return undefined;
  }
  return undefined;
}

interface FlowEdge {
  from: PyNode;
  to: string[];
}

/** The flow edges of each scope asked about, by tree and scope id: rules follow several values in one function. */
const flowEdgesByScope = new WeakMap<PyNode['tree'], Map<number, FlowEdge[]>>();

/** Every place in `scope` where a value moves into a name, not descending into nested functions or classes. */
function flowEdges(scope: PyNode): FlowEdge[] {
  let byScope = flowEdgesByScope.get(scope.tree);
  if (!byScope) flowEdgesByScope.set(scope.tree, (byScope = new Map()));
  let edges = byScope.get(scope.id);
  if (!edges) byScope.set(scope.id, (edges = findFlowEdges(scope)));
  return edges;
}

function findFlowEdges(scope: PyNode): FlowEdge[] {
  const body = scope.type === 'function_definition' ? scope.childForFieldName('body') ?? scope : scope;
  const edges: FlowEdge[] = [];
  // `for x in xs:` and the `for x in xs` of a comprehension bind x to the items of xs.
  for (const binding of descendants(body, 'assignment', 'augmented_assignment', 'for_statement', 'for_in_clause')) {
    const from = binding.childForFieldName('right');
    if (from && !isInNestedDefinition(binding, body)) edges.push({ from, to: targetNames(binding.childForFieldName('left')) });
  }
  for (const call of callsNamed(body, ...MUTATING_METHODS)) {
    const receiver = call.childForFieldName('function')?.childForFieldName('object');
    const args = call.childForFieldName('arguments');
    if (receiver && args && !isInNestedDefinition(call, body)) edges.push({ from: args, to: targetNames(receiver) });
  }
  return edges;
}

export interface FlowOptions {
  /** Calls the value does not flow through (beyond `len`). */
  barrier?: Barrier;
  /** Only moves that can run after this node count (see {@link runsAfter}). */
  after?: PyNode;
  /** With `after`: only moves later in the source, not those of the next iteration of a loop around it. */
  sameIteration?: boolean;
}

/** `seeds` and every name in `scope` that ends up holding a value derived from them (a fixpoint over assignments). */
export function derivedNames(scope: PyNode, seeds: Iterable<string>, options: FlowOptions = {}): Set<string> {
  const names = new Set(seeds);
  const { barrier, after, sameIteration } = options;
  const edges = flowEdges(scope).filter((edge) =>
    !after || (sameIteration ? edge.from.startIndex >= after.endIndex : runsAfter(after, edge.from)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const edge of edges) {
      if (edge.to.every((name) => names.has(name)) || !mentions(edge.from, names, barrier)) continue;
      for (const name of edge.to) names.add(name);
      grew = true;
    }
  }
  return names;
}

/**
 * The names that hold a value derived from `names` (as they are at the end of an iteration of `loop`) when `node`, in
 * the loop's body, runs in the next iteration. The loop body's statements before `node` are followed in order: a plain
 * assignment there gives its target a fresh value (`batch = prompts[i:i + n]` at the top of the loop), unless the value
 * is itself derived; in a nested block a name may only gain the value.
 */
export function carriedTo(loop: PyNode, names: ReadonlySet<string>, node: PyNode, barrier?: Barrier): Set<string> {
  const carried = new Set(names);
  const body = loop.childForFieldName('body');
  for (const statement of body?.namedChildren ?? []) {
    if (!statement || statement.endIndex > node.startIndex) break;
    const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('right')) {
      const targets = targetNames(assignment.childForFieldName('left'));
      const derived = mentions(assignment.childForFieldName('right')!, carried, barrier);
      for (const target of targets) derived ? carried.add(target) : carried.delete(target);
      continue;
    }
    for (const binding of descendants(statement, 'assignment', 'augmented_assignment')) {
      const right = binding.childForFieldName('right');
      if (right && mentions(right, carried, barrier)) for (const target of targetNames(binding.childForFieldName('left'))) carried.add(target);
    }
    for (const call of callsNamed(statement, ...MUTATING_METHODS)) {
      const args = call.childForFieldName('arguments');
      if (args && mentions(args, carried, barrier)) {
        for (const target of targetNames(call.childForFieldName('function')?.childForFieldName('object') ?? null)) carried.add(target);
      }
    }
  }
  return carried;
}
