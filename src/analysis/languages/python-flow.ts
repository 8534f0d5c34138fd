/**
 * Intra-function value flow for Python rules: which names hold a value derived from some expression.
 * Over-approximating within one function (no types, no calls followed, a value flows through every call but the
 * barriers), ordered only by source position and loops (`runsAfter`): rules use it to connect a source (a decode,
 * a templated prompt) to a sink (a generate call, a tokenizer call) in the same function.
 */
import { calleeMethod, descendants, type PyNode } from './python';

/** Methods that put their argument inside the receiver (`texts.append(text)` makes `texts` hold `text`). */
const MUTATING_METHODS = ['append', 'extend', 'insert', 'add', 'update', 'appendleft', 'setdefault'];

/** Stops a value from flowing through a call (`len(texts)` holds a number, not the texts). */
export type Barrier = (call: PyNode) => boolean;

const isLengthCall: Barrier = (call) => calleeMethod(call) === 'len';

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
  if (node.type !== 'subscript') return undefined;
  const key = stringKey(node.childForFieldName('subscript'));
  const container = node.childForFieldName('value');
  return key !== undefined && (container?.type === 'identifier' || container?.type === 'attribute')
    ? `${container.text}[${JSON.stringify(key)}]`
    : undefined;
}

/**
 * The names `node` reads, with the node that reads each: `texts`, `self.prompts`, `batch["response"]` (and `batch`).
 * An attribute's field name (`texts` in `batch.texts`) and a keyword's name (`text=`) are not references.
 */
export function references(node: PyNode): { node: PyNode; name: string }[] {
  return descendants(node, 'identifier', 'attribute', 'subscript').flatMap((n) => {
    const parent = n.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === n.id) return [];
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === n.id) return [];
    const name = nameOf(n);
    return name === undefined ? [] : [{ node: n, name }];
  });
}

/** True when `node` mentions one of `names`, outside calls that `barrier` (and `len`) stop. */
export function mentions(node: PyNode, names: ReadonlySet<string>, barrier?: Barrier): boolean {
  return references(node).some((ref) => names.has(ref.name) && !isBlocked(ref.node, node, barrier));
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
  const exit = exitAfter(origin);
  if (exit && exit.type !== 'continue_statement') {
    if (node.startIndex >= origin.endIndex && node.endIndex <= exit.endIndex) return true;
    const loop = exit.type === 'break_statement' ? enclosingLoop(exit) : undefined;
    return loop !== undefined && node.startIndex >= loop.endIndex;
  }
  if (node.startIndex >= origin.endIndex) return true;
  for (let loop = enclosingLoop(origin); loop; loop = enclosingLoop(loop)) {
    if (contains(loop, node)) return true;
  }
  return false;
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

/** Every place in `scope` where a value moves into a name, not descending into nested functions or classes. */
function flowEdges(scope: PyNode): FlowEdge[] {
  const edges: FlowEdge[] = [];
  const walk = (node: PyNode) => {
    for (const child of node.namedChildren) {
      if (!child || child.type === 'function_definition' || child.type === 'class_definition') continue;
      // `for x in xs:` and the `for x in xs` of a comprehension bind x to the items of xs.
      if (['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause'].includes(child.type)) {
        const from = child.childForFieldName('right');
        if (from) edges.push({ from, to: targetNames(child.childForFieldName('left')) });
      } else if (child.type === 'call' && MUTATING_METHODS.includes(calleeMethod(child))) {
        const receiver = child.childForFieldName('function')?.childForFieldName('object');
        const args = child.childForFieldName('arguments');
        if (receiver && args) edges.push({ from: args, to: targetNames(receiver) });
      }
      walk(child);
    }
  };
  walk(scope.type === 'function_definition' ? scope.childForFieldName('body') ?? scope : scope);
  return edges;
}

export interface FlowOptions {
  /** Calls the value does not flow through (beyond `len`). */
  barrier?: Barrier;
  /** Only moves that can run after this node count (see {@link runsAfter}). */
  after?: PyNode;
}

/** `seeds` and every name in `scope` that ends up holding a value derived from them (a fixpoint over assignments). */
export function derivedNames(scope: PyNode, seeds: Iterable<string>, options: FlowOptions = {}): Set<string> {
  const names = new Set(seeds);
  const { barrier, after } = options;
  const edges = flowEdges(scope).filter((edge) => !after || runsAfter(after, edge.from));
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
