import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Edit, Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { distFile } from '../../assets';
import type { Range } from '../../findings';

export type { Node as PyNode } from 'web-tree-sitter';

export interface PythonFile {
  path: string;
  source: string;
  tree: Tree;
  root: Node;
}

/** The .wasm files sit beside the bundle in `dist/` (an Action runs with no node_modules), else in the installed packages. */
function wasmPath(file: 'web-tree-sitter.wasm' | 'tree-sitter-python.wasm'): string {
  const bundled = distFile(file);
  if (bundled) return bundled;
  const require = createRequire(import.meta.url);
  return file === 'web-tree-sitter.wasm'
    ? require.resolve('web-tree-sitter/web-tree-sitter.wasm')
    : join(dirname(require.resolve('tree-sitter-python/package.json')), file);
}

let parserPromise: Promise<Parser> | undefined;

/**
 * One parser for the whole process: loading the grammar costs more than parsing most files. An analysis worker asks
 * for it as it starts, so that compiling the grammar overlaps the main thread's search for files.
 */
export function pythonParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    const binding: TreeSitterModule = { locateFile: () => wasmPath('web-tree-sitter.wasm') };
    await Parser.init(binding);
    readInt32First(binding);
    const language = await Language.load(wasmPath('tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/** What web-tree-sitter's emscripten module has once loaded, of what `readInt32First` uses. */
interface TreeSitterModule {
  locateFile: () => string;
  setValue?: (pointer: number, value: number, type?: string) => void;
  getValue?: (pointer: number, type?: string) => number;
  /** The module's memory; replaced when the memory grows. */
  HEAP_DATA_VIEW?: DataView;
}

/**
 * web-tree-sitter copies each node it hands out, and each node it is asked about, field by field through emscripten's
 * `setValue`/`getValue`, which read a type name and test it for a `*` on every call; every node field is an `i32`.
 * The object given to `Parser.init` becomes the module the library calls (emscripten's factory keeps its argument as
 * the module), so its two accessors can take that case first: about 4 % of a scan. A build of the library that does
 * not expose them this way is left as it is.
 */
function readInt32First(module: TreeSitterModule): void {
  const { setValue, getValue } = module;
  if (typeof setValue !== 'function' || typeof getValue !== 'function' || !(module.HEAP_DATA_VIEW instanceof DataView)) return;
  module.setValue = (pointer, value, type) => {
    if (type === 'i32') module.HEAP_DATA_VIEW!.setInt32((pointer >> 2) * 4, value, true);
    else setValue(pointer, value, type);
  };
  module.getValue = (pointer, type) => (type === 'i32' ? module.HEAP_DATA_VIEW!.getInt32((pointer >> 2) * 4, true) : getValue(pointer, type));
}

/** The source of each tree, for looks at the text that need no call into WASM (a node's start is kept in JS). */
const sources = new WeakMap<Tree, string>();

/**
 * The last tree of each document an editor keeps changing (the language server's), to parse its next text
 * incrementally: after one keystroke tree-sitter reparses only what changed. At most EDITOR_TREES documents.
 */
const editorTrees = new Map<string, { parsed: string; tree: Tree }>();
const EDITOR_TREES = 16;

/** `reuseTree`: `path` is an editor's document; parse from its last tree, and keep this one for the next text. */
export async function parsePython(path: string, source: string, reuseTree = false): Promise<PythonFile> {
  const parser = await pythonParser();
  const kept = reuseTree ? editorTrees.get(path) : undefined;
  const parsed = blankCommentLines(source);
  if (kept) kept.tree.edit(editBetween(kept.parsed, parsed));
  // The parser reads the blanked text; the tree's nodes then read their text from the source itself (same length).
  let text = parsed;
  const tree = parser.parse((index) => text.slice(index), kept?.tree);
  text = source;
  if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
  if (reuseTree) {
    kept?.tree.delete();
    editorTrees.delete(path);
    editorTrees.set(path, { parsed, tree: tree.copy() });
    for (const [oldest, entry] of editorTrees) {
      if (editorTrees.size <= EDITOR_TREES) break;
      entry.tree.delete();
      editorTrees.delete(oldest);
    }
  }
  sources.set(tree, source);
  const root = tree.rootNode;
  roots.set(tree, root);
  return { path, source, tree, root };
}

/**
 * The source with each line that holds only a comment blanked (spaces of the same length: no offset or position
 * moves), for the parser. tree-sitter-python's scanner looks ahead over all the comment lines that follow a line
 * break to find the next line's indentation, so n commented-out lines in a row cost n²: an 88 KB verl file with a
 * block of 150 took 76 ms to parse, 14 ms blanked. Lines inside a string are left alone.
 */
export function blankCommentLines(source: string): string {
  const kept: string[] = [];
  let copied = 0;
  let i = 0;
  let lineStart = true;
  while (i < source.length) {
    if (lineStart) {
      lineStart = false;
      let first = i;
      while (source[first] === ' ' || source[first] === '\t' || source[first] === '\f') first++;
      if (source[first] === '#') {
        let end = source.indexOf('\n', first);
        if (end === -1) end = source.length;
        if (source[end - 1] === '\r') end--;
        kept.push(source.slice(copied, i), ' '.repeat(end - i));
        copied = i = end;
        continue;
      }
      i = first;
      continue;
    }
    const char = source[i];
    if (char === '\n') {
      lineStart = true;
      i++;
    } else if (char === '#') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? source.length : end;
    } else if (char === '"' || char === "'") {
      i = stringEnd(source, i);
    } else {
      i++;
    }
  }
  return copied === 0 ? source : kept.join('') + source.slice(copied);
}

/** Where the string literal whose quote is at `start` ends (after its closing quote; at the line break that ends an unclosed one). */
function stringEnd(source: string, start: number): number {
  const quote = source[start];
  if (source.startsWith(quote.repeat(3), start)) {
    for (let at = source.indexOf(quote.repeat(3), start + 3); at !== -1; at = source.indexOf(quote.repeat(3), at + 1)) {
      let backslashes = 0;
      while (source[at - 1 - backslashes] === '\\') backslashes++;
      if (backslashes % 2 === 0) return at + 3;
    }
    return source.length;
  }
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i + 1;
    else if (source[i] === '\n') return i;
  }
  return source.length;
}

/** The one edit that turns `before` into `after`: what lies between their common start and their common end. */
function editBetween(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  const pointAt = (text: string, index: number) => {
    const lineStart = text.lastIndexOf('\n', index - 1) + 1;
    let row = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) row++;
    return { row, column: index - lineStart };
  };
  return new Edit({
    startIndex: start,
    oldEndIndex: before.length - end,
    newEndIndex: after.length - end,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, before.length - end),
    newEndPosition: pointAt(after, after.length - end),
  });
}

/** The first syntax error (ERROR or MISSING node) in a tree, for the notice that says the file was analyzed anyway. */
export function firstSyntaxError(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'ERROR' || node.isMissing) return node;
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child && (child.hasError || child.isMissing)) stack.push(child);
    }
  }
  return undefined;
}

export function rangeOf(node: Node): Range {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/**
 * Every descendant of `node` (itself included) whose type is one of `types`, in source order. Not for ERROR nodes
 * (see firstSyntaxError): web-tree-sitter returns only those from a query that mixes them with other types.
 */
export function descendants(node: Node, ...types: string[]): Node[] {
  return within(node, types.map((type) => nodesOfType(node.tree, type)));
}

/** The nodes of source-ordered lists of a tree that lie in `node`, in source order. */
function within(node: Node, lists: Node[][]): Node[] {
  const found: Node[] = [];
  const { startIndex: start, endIndex: end } = node;
  for (const nodes of lists) {
    // Source order sorts by start offset: binary-search the first node that starts inside `node`, then scan.
    let low = 0;
    let high = nodes.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (nodes[mid].startIndex < start) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < nodes.length && nodes[i].startIndex <= end; i++) {
      const candidate = nodes[i];
      // Nodes nest: one that starts strictly inside `node` lies in it, with no call into WASM for its end.
      const inside = (candidate.startIndex > start && candidate.startIndex < end) ||
        (candidate.endIndex <= end && isWithin(candidate, node));
      if (inside) found.push(candidate);
    }
  }
  // Several lists: back to source order, an ancestor before its descendants.
  if (lists.length > 1) found.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  return found;
}

/**
 * Every node of a type in a tree, computed once per tree and type. Rules ask for "all calls under X" many times
 * per file; answering from the whole tree's list costs a binary search instead of a walk of X through WASM.
 */
const nodesByType = new WeakMap<Tree, Map<string, Node[]>>();

/**
 * The types asked for so far, in any tree. The first question about a tree fetches them all in one walk: a walk
 * costs about the same for one type as for twenty, and rules ask about the same few types file after file.
 */
const askedTypes = new Set<string>();

/** Half of a file's nodes: fetched alone, for the trees whose rules ask for them, not with every first question. */
const FETCHED_ALONE: ReadonlySet<string> = new Set(['identifier']);

function nodesOfType(tree: Tree, type: string): Node[] {
  let byType = nodesByType.get(tree);
  if (!byType) nodesByType.set(tree, (byType = new Map()));
  if (!byType.has(type)) {
    const alone = FETCHED_ALONE.has(type);
    if (!alone) askedTypes.add(type);
    const fetched = alone ? [type] : [...askedTypes].filter((t) => !byType.has(t));
    for (const t of fetched) byType.set(t, []);
    for (const node of tree.rootNode.descendantsOfType(fetched)) if (node) byType.get(node.type)!.push(node);
  }
  return byType.get(type)!;
}

/** Same span is not enough (a wrapper and its only child share it): the candidate must be `node` or below it. */
function isWithin(candidate: Node, node: Node): boolean {
  if (candidate.startIndex > node.startIndex || candidate.endIndex < node.endIndex) return true;
  for (let p: Node | null = candidate; p; p = p.parent) if (p.id === node.id) return true;
  return false;
}

/**
 * Callee names already read, by call node: the node lists hand every rule the same call objects, and reading a
 * callee takes several calls into WASM.
 */
const calleeNames = new WeakMap<Node, string>();

/** Dotted name of a call's callee: `tokenizer.apply_chat_template`, `np.std`, `self.llm.generate`; '' for other callees. */
export function calleeName(call: Node): string {
  let name = calleeNames.get(call);
  if (name === undefined) {
    const fn = call.childForFieldName('function');
    name = fn && (fn.type === 'identifier' || fn.type === 'attribute') ? fn.text : '';
    calleeNames.set(call, name);
  }
  return name;
}

/** Last segment of the callee: `apply_chat_template` for `self.tokenizer.apply_chat_template(...)`. */
export function calleeMethod(call: Node): string {
  const name = calleeName(call);
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Python calls in `node` whose method name (last callee segment) is one of `names`. */
export function callsNamed(node: Node, ...names: string[]): Node[] {
  const byMethod = callsByMethod(node.tree);
  return within(node, [...new Set(names)].map((name) => byMethod.get(name) ?? []));
}

/** Every call of a tree by method name, computed once per tree: rules look calls up by name many times per file. */
const callsByMethodOf = new WeakMap<Tree, Map<string, Node[]>>();

/** A dotted name right before `(`: the callee of most calls, as written. */
const PLAIN_CALLEE = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?=\()/y;

function callsByMethod(tree: Tree): Map<string, Node[]> {
  let byMethod = callsByMethodOf.get(tree);
  if (!byMethod) {
    callsByMethodOf.set(tree, (byMethod = new Map()));
    const source = sources.get(tree)!;
    const calls = nodesOfType(tree, 'call');
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      // Most callees are a plain dotted name: read from the text, without the three calls into WASM that asking the
      // tree takes. Not where the next call (in source order) starts at the same offset: this one's callee holds it,
      // as in `f(x)(y)` or `a(x).b(y)`. Any other callee (spaces, a subscript, a string) is asked of the tree.
      PLAIN_CALLEE.lastIndex = call.startIndex;
      const plain = calls[i + 1]?.startIndex !== call.startIndex ? PLAIN_CALLEE.exec(source)?.[0] : undefined;
      if (plain !== undefined) calleeNames.set(call, plain);
      const method = calleeMethod(call);
      const named = byMethod.get(method);
      if (named) named.push(call);
      else byMethod.set(method, [call]);
    }
  }
  return byMethod;
}

export function positionalArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args) return [];
  return args.namedChildren.filter(
    (n): n is Node =>
      n !== null && n.type !== 'keyword_argument' && n.type !== 'comment' &&
      n.type !== 'dictionary_splat' && n.type !== 'list_splat',
  );
}

/** The value of `name=...` in a call, or undefined. */
export function keywordArgument(call: Node, name: string): Node | undefined {
  const args = call.childForFieldName('arguments');
  for (const arg of args?.namedChildren ?? []) {
    if (arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) {
      return arg.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/** `**kwargs` arguments of a call (their expressions). */
export function splatArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return (args?.namedChildren ?? [])
    .filter((n): n is Node => n?.type === 'dictionary_splat')
    .map((n) => n.namedChild(0))
    .filter((n): n is Node => n !== null);
}

/**
 * Types whose nodes contain others in blocks (definitions, lambdas, asserts), few in a file: `enclosing` answers for
 * them from the tree's list of each, by offsets (a binary search, then up the nesting), with no walk up the tree
 * through WASM. A rule that asked for the function of every call of a 2,000-line file spent most of its time in that
 * walk, and a node in none of them walks to the root.
 */
const NESTING_TYPES: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'lambda', 'assert_statement']);

/** The innermost enclosing node of one of `types`, or undefined. */
export function enclosing(node: Node, ...types: string[]): Node | undefined {
  if (!types.every((type) => NESTING_TYPES.has(type))) {
    for (let p = node.parent; p; p = p.parent) if (types.includes(p.type)) return p;
    return undefined;
  }
  let inner: Node | undefined;
  for (const type of types) {
    const found = innermost(node, type);
    // Nodes of these types never share a start: the later one is inside the other.
    if (found && (!inner || found.startIndex > inner.startIndex)) inner = found;
  }
  return inner;
}

/** The nodes of a type in a tree, in source order, each with the index of the one it is nested in (-1 at the top). */
const nestings = new WeakMap<Tree, Map<string, { nodes: Node[]; parents: number[] }>>();

function nestingOf(tree: Tree, type: string): { nodes: Node[]; parents: number[] } {
  let byType = nestings.get(tree);
  if (!byType) nestings.set(tree, (byType = new Map()));
  let nesting = byType.get(type);
  if (!nesting) {
    const nodes = nodesOfType(tree, type);
    const parents: number[] = [];
    const open: number[] = [];
    nodes.forEach((node, i) => {
      while (open.length > 0 && nodes[open.at(-1)!].endIndex <= node.startIndex) open.pop();
      parents.push(open.at(-1) ?? -1);
      open.push(i);
    });
    byType.set(type, (nesting = { nodes, parents }));
  }
  return nesting;
}

/** The innermost node of `type` around `node` (not `node` itself), else undefined. */
function innermost(node: Node, type: string): Node | undefined {
  const { nodes, parents } = nestingOf(node.tree, type);
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (nodes[mid].startIndex <= node.startIndex) low = mid + 1;
    else high = mid;
  }
  for (let i = low - 1; i >= 0; i = parents[i]) {
    const candidate = nodes[i];
    if (candidate.id !== node.id && candidate.endIndex >= node.endIndex && isWithin(node, candidate)) return candidate;
  }
  return undefined;
}

/** The innermost `def` around `node` (not `node` itself), else undefined. */
export function enclosingFunction(node: Node): Node | undefined {
  return innermost(node, 'function_definition');
}

/** The roots of the trees parsed, for `enclosingScope`: `tree.rootNode` makes a new object at each call. */
const roots = new WeakMap<Tree, Node>();

/** The function (or lambda) a node is in, else the module. */
export function enclosingScope(node: Node): Node {
  return enclosing(node, 'function_definition', 'lambda') ?? roots.get(node.tree)!;
}

const DEF_HEADER = /(?:async\s+)?def\s+/y;

/** A `def`'s name begins with `prefix`, read from the source (`def test_...`, `async def test_...`). */
export function functionNameStartsWith(fn: Node, prefix: string): boolean {
  DEF_HEADER.lastIndex = fn.startIndex;
  const source = sourceOf(fn);
  return DEF_HEADER.test(source) && source.startsWith(prefix, DEF_HEADER.lastIndex);
}

export function functionName(fn: Node): string {
  return fn.childForFieldName('name')?.text ?? '';
}

/** Python literal truthiness of simple constants: `True`/`False`/`None`, numbers, strings. Undefined when not a literal. */
export function literalTruth(node: Node): boolean | undefined {
  switch (node.type) {
    case 'true':
      return true;
    case 'false':
    case 'none':
      return false;
    case 'integer':
    case 'float':
      return Number(node.text.replace(/_/g, '')) !== 0;
    case 'string':
      return node.namedChildren.some((c) => c?.type === 'string_content' || c?.type === 'interpolation');
    case 'parenthesized_expression':
      return node.namedChild(0) ? literalTruth(node.namedChild(0)!) : undefined;
    default:
      return undefined;
  }
}

/**
 * Assignments `name = value` in `scope` (not descending into nested functions), in source order,
 * including augmented ones (`name += value`) and annotated ones (`name: T = value`).
 */
export function assignmentsTo(scope: Node, name: string): Node[] {
  const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : scope;
  if (!body) return [];
  // The target starts the assignment: a look at the text first, the tree only for the few assignments that pass.
  return descendants(body, 'assignment', 'augmented_assignment').filter((assignment) =>
    startsWithText(assignment, name) && assignment.childForFieldName('left')?.text === name &&
    !isInNestedDefinition(assignment, body));
}

/** The source of the file `node` is in, for looks at the text around a node that need no call into WASM. */
export function sourceOf(node: Node): string {
  return sources.get(node.tree)!;
}

/** Whether `node`'s source text starts with `prefix`: read from the tree's source, with no call into WASM. */
export function startsWithText(node: Node, prefix: string): boolean {
  return sourceOf(node).startsWith(prefix, node.startIndex);
}

/**
 * A function or class definition lies between `node` and its ancestor `top`: the innermost one around `node` is
 * inside `top` (found by offsets, as `enclosing` does, not by a walk up through WASM). Of two nodes around `node`, the
 * one that starts later is inside the other; a shared start is settled by `isWithin`.
 */
export function isInNestedDefinition(node: Node, top: Node): boolean {
  const definition = enclosing(node, 'function_definition', 'class_definition');
  if (!definition || definition.id === top.id) return false;
  return definition.startIndex > top.startIndex || (definition.startIndex === top.startIndex && isWithin(definition, top));
}

/** Test code asserts on outputs: inside an `assert`, a `test_*` function or a `Test*` class (at any depth). */
export function isInTestCode(node: Node): boolean {
  if (enclosing(node, 'assert_statement')) return true;
  for (let scope = enclosing(node, 'function_definition', 'class_definition'); scope; scope = enclosing(scope, 'function_definition', 'class_definition')) {
    if (/^test|^Test/.test(functionName(scope))) return true;
  }
  return false;
}

/** The text of 1-based line `line`, for messages and fixes. */
export function lineText(file: { source: string }, line: number): string {
  let start = 0;
  for (let i = 1; i < line; i++) {
    start = file.source.indexOf('\n', start) + 1;
    if (start === 0) return '';
  }
  const end = file.source.indexOf('\n', start);
  return file.source.slice(start, end === -1 ? undefined : end);
}

export interface Parameter {
  name: string;
  /** The default value, for `name=value` parameters. */
  defaultValue?: Node;
}

/** A function's parameters in order (`*args`/`**kwargs` by their bare names), with their defaults. */
export function parametersOf(fn: Node): Parameter[] {
  const out: Parameter[] = [];
  for (const param of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!param) continue;
    if (param.type === 'identifier') out.push({ name: param.text });
    else if (param.type === 'default_parameter' || param.type === 'typed_default_parameter') {
      const name = param.childForFieldName('name');
      const value = param.childForFieldName('value');
      if (name) out.push({ name: name.text, ...(value ? { defaultValue: value } : {}) });
    } else {
      const name = descendants(param, 'identifier')[0]; // typed and splat parameters
      if (name) out.push({ name: name.text });
    }
  }
  return out;
}

/** Descendants of a function of the given types that belong to it, not to a function or lambda nested in it. */
export function ownDescendants(fn: Node, ...types: string[]): Node[] {
  return descendants(fn, ...types).filter((node) => node.id !== fn.id && enclosingScope(node).id === fn.id);
}

/** The text of a plain string literal (`"role"` gives `role`); undefined for other nodes and f-strings. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string' || node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

/** An expression that builds all ones, the mask that keeps every token: `[1]`, `[1] * len(ids)`, `torch.ones_like(ids)`. */
export interface OnesExpression {
  /** What to flip to build zeros instead: each `1`/`True` of the list, or the `ones`/`ones_like` name of the call. */
  flips: Node[];
  /** The sequence whose length it takes: `ids` in `[1] * len(ids)`, `[1 for _ in ids]`, `ones(len(ids))`, `ones_like(ids)`. */
  sizedLike?: Node;
}

/** Calls that hand back their first argument's values in another container: `list(ids)`, `torch.tensor(ids)`. */
export const VALUE_WRAPPERS = ['list', 'tensor', 'as_tensor', 'array', 'asarray', 'LongTensor', 'BoolTensor'];

/** A call that tokenizes a text: `tokenizer(text)`, `self.tokenizer(text)`, `tokenizer.encode(text)`. */
export function isTokenizerCall(call: Node): boolean {
  const method = calleeMethod(call);
  return method === 'encode' || /tokenizer$/i.test(method);
}

export function onesExpression(node: Node): OnesExpression | undefined {
  const lengthOf = (n: Node | null | undefined) =>
    n?.type === 'call' && calleeName(n) === 'len' ? positionalArguments(n)[0] : undefined;
  const isOne = (n: Node | null) => n?.type === 'true' || (n?.type === 'integer' && n.text === '1');
  switch (node.type) {
    case 'list': {
      const items = node.namedChildren.filter((c): c is Node => c !== null);
      return items.length > 0 && items.every(isOne) ? { flips: items } : undefined;
    }
    case 'binary_operator': {
      if (node.childForFieldName('operator')?.type !== '*') return undefined;
      const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')];
      const list = left?.type === 'list' ? left : right?.type === 'list' ? right : undefined;
      const ones = list && onesExpression(list);
      const size = list === left ? right : left;
      return ones && { flips: ones.flips, sizedLike: lengthOf(size) };
    }
    case 'list_comprehension': {
      const body = node.childForFieldName('body');
      const loop = node.namedChildren.find((c) => c?.type === 'for_in_clause');
      return body && isOne(body) ? { flips: [body], sizedLike: loop?.childForFieldName('right') ?? undefined } : undefined;
    }
    case 'call': {
      const callee = node.childForFieldName('function');
      const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : callee;
      const method = name?.text ?? '';
      // Most calls are none of these: their arguments are not read.
      if (method !== 'ones_like' && method !== 'ones' && !VALUE_WRAPPERS.includes(method)) return undefined;
      const first = positionalArguments(node)[0];
      if (method === 'ones_like') return { flips: [name!], sizedLike: first };
      if (method === 'ones') return { flips: [name!], sizedLike: lengthOf(first) };
      return first ? onesExpression(first) : undefined;
    }
    default:
      return undefined;
  }
}
