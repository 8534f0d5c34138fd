// A small slice of GitHub's GraphQL API: reading a pull request's review threads and resolving them.
// Queries are parsed and checked field by field against that slice, with GitHub's error messages, so a query that
// names a field GitHub does not have fails here as it would there.
import { renderUser, type Site } from './resources';
import { nodeId, type Account, type ReviewCommentRecord, type ReviewThreadRecord } from './state';

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

type ValueNode =
  | { kind: 'variable'; name: string }
  | { kind: 'literal'; value: Value }
  | { kind: 'list'; items: ValueNode[] }
  | { kind: 'object'; fields: Record<string, ValueNode> };

interface FieldNode {
  alias: string | undefined;
  name: string;
  arguments: Record<string, ValueNode>;
  selections: FieldNode[] | undefined;
  line: number;
  column: number;
}

interface OperationNode {
  type: 'query' | 'mutation';
  variables: Set<string>;
  selections: FieldNode[];
}

export interface GraphQLError {
  message: string;
  type?: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

export class GraphQLSyntaxError extends Error {}

// ---- Parsing --------------------------------------------------------------------------------------------------------

interface Token {
  kind: 'name' | 'punctuator' | 'number' | 'string';
  text: string;
  line: number;
  column: number;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /([\s,]+|#[^\n]*)|(\.\.\.|[!$():=@[\]{}|&])|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"\\\n]|\\.)*")|([_A-Za-z][_0-9A-Za-z]*)/y;
  let index = 0;
  while (index < source.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    const before = source.slice(0, index);
    const line = before.split('\n').length;
    const column = index - before.lastIndexOf('\n');
    if (!match) throw new GraphQLSyntaxError(`Parse error on "${source[index]}" at [${line}, ${column}]`);
    index = pattern.lastIndex;
    if (match[1]) continue;
    const kind = match[2] ? 'punctuator' : match[3] ? 'number' : match[4] ? 'string' : 'name';
    tokens.push({ kind, text: match[0], line, column });
  }
  return tokens;
}

class Parser {
  private index = 0;
  private readonly tokens: Token[];

  constructor(source: string) {
    this.tokens = tokenize(source);
  }

  /** The one operation of a document (GitHub's clients send one; fragments are not emulated). */
  operation(): OperationNode {
    let type: OperationNode['type'] = 'query';
    const variables = new Set<string>();
    if (this.peek('name', 'query') || this.peek('name', 'mutation')) {
      type = this.next().text as OperationNode['type'];
      if (this.peek('name')) this.next();
      if (this.peek('punctuator', '(')) {
        this.expect('(');
        while (!this.peek('punctuator', ')')) {
          this.expect('$');
          variables.add(this.expect('name').text);
          this.expect(':');
          this.type();
          if (this.peek('punctuator', '=')) {
            this.next();
            this.value();
          }
        }
        this.expect(')');
      }
    } else if (this.peek('name', 'fragment') || this.peek('name', 'subscription')) {
      throw new GraphQLSyntaxError(`${this.next().text} definitions are not emulated`);
    }
    const selections = this.selectionSet();
    if (this.index < this.tokens.length) throw new GraphQLSyntaxError('only one operation per document is emulated');
    return { type, variables, selections };
  }

  private selectionSet(): FieldNode[] {
    this.expect('{');
    const fields: FieldNode[] = [];
    while (!this.peek('punctuator', '}')) {
      if (this.peek('punctuator', '...')) throw new GraphQLSyntaxError('fragments are not emulated');
      fields.push(this.field());
    }
    this.expect('}');
    return fields;
  }

  private field(): FieldNode {
    const first = this.expect('name');
    let alias: string | undefined;
    let name = first;
    if (this.peek('punctuator', ':')) {
      this.next();
      alias = first.text;
      name = this.expect('name');
    }
    const args: Record<string, ValueNode> = {};
    if (this.peek('punctuator', '(')) {
      this.next();
      while (!this.peek('punctuator', ')')) {
        const argument = this.expect('name').text;
        this.expect(':');
        args[argument] = this.value();
      }
      this.expect(')');
    }
    if (this.peek('punctuator', '@')) throw new GraphQLSyntaxError('directives are not emulated');
    const selections = this.peek('punctuator', '{') ? this.selectionSet() : undefined;
    return { alias, name: name.text, arguments: args, selections, line: first.line, column: first.column };
  }

  private type(): void {
    if (this.peek('punctuator', '[')) {
      this.next();
      this.type();
      this.expect(']');
    } else {
      this.expect('name');
    }
    if (this.peek('punctuator', '!')) this.next();
  }

  private value(): ValueNode {
    const token = this.next();
    if (token.text === '$') return { kind: 'variable', name: this.expect('name').text };
    if (token.kind === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.kind === 'string') return { kind: 'literal', value: JSON.parse(token.text) as string };
    if (token.kind === 'name') {
      const constants: Record<string, Value> = { true: true, false: false, null: null };
      return { kind: 'literal', value: token.text in constants ? constants[token.text] : token.text };
    }
    if (token.text === '[') {
      const items: ValueNode[] = [];
      while (!this.peek('punctuator', ']')) items.push(this.value());
      this.expect(']');
      return { kind: 'list', items };
    }
    if (token.text === '{') {
      const fields: Record<string, ValueNode> = {};
      while (!this.peek('punctuator', '}')) {
        const name = this.expect('name').text;
        this.expect(':');
        fields[name] = this.value();
      }
      this.expect('}');
      return { kind: 'object', fields };
    }
    throw new GraphQLSyntaxError(`Parse error on "${token.text}" at [${token.line}, ${token.column}]`);
  }

  private peek(kind: Token['kind'], text?: string): boolean {
    const token = this.tokens[this.index];
    return token !== undefined && token.kind === kind && (text === undefined || token.text === text);
  }

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new GraphQLSyntaxError('Parse error on end of document');
    return token;
  }

  private expect(text: string): Token {
    const token = this.next();
    if (text === 'name' ? token.kind !== 'name' : token.text !== text) {
      throw new GraphQLSyntaxError(`Parse error on "${token.text}" at [${token.line}, ${token.column}], expected ${text}`);
    }
    return token;
  }
}

// ---- Schema ---------------------------------------------------------------------------------------------------------

export interface GraphQLContext {
  site: Site;
  actor: Account;
  /** The token may read pull requests (`pull-requests: read` or more). */
  canRead: boolean;
  canWrite: boolean;
}

/** `parent` is whatever the parent field resolved to: its type is the schema's business, not TypeScript's. */
type Resolver = (parent: any, args: Record<string, Value>, context: GraphQLContext) => unknown;

interface FieldDefinition {
  /** A scalar (`String`, `Int`...) or an object type of `SCHEMA`; `[T]` for lists. */
  type: string;
  arguments?: Record<string, { required?: boolean }>;
  /** A connection: GitHub requires `first` or `last` (at most 100). */
  connection?: boolean;
  resolve: Resolver;
}

const SCALARS = new Set(['String', 'Int', 'Boolean', 'ID', 'DateTime', 'URI', 'GitObjectID', 'DiffSide']);

const field = (type: string, resolve: Resolver, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ type, resolve, ...extra });
const property = (type: string, name: string): FieldDefinition => field(type, (parent) => parent[name]);
const paging = { first: {}, last: {}, after: {}, before: {} };

/** `first`/`last`/`after`/`before` over `items`, with cursors and `pageInfo`. */
function connection<T>(items: T[], args: Record<string, Value>): unknown {
  const cursor = (index: number): string => Buffer.from(`cursor:v2:${index}`).toString('base64');
  const indexOf = (value: Value | undefined): number | undefined =>
    typeof value === 'string' ? Number(Buffer.from(value, 'base64').toString().replace('cursor:v2:', '')) : undefined;
  const after = indexOf(args.after);
  const before = indexOf(args.before);
  let start = after === undefined ? 0 : after + 1;
  let end = before === undefined ? items.length : before;
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const edges = items.slice(start, end).map((node, offset) => ({ node, cursor: cursor(start + offset) }));
  return {
    nodes: edges.map((edge) => edge.node),
    edges,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function connectionTypes(name: string, nodeType: string): Record<string, Record<string, FieldDefinition>> {
  return {
    [`${name}Connection`]: {
      nodes: property(`[${nodeType}]`, 'nodes'),
      edges: property(`[${name}Edge]`, 'edges'),
      totalCount: property('Int', 'totalCount'),
      pageInfo: property('PageInfo', 'pageInfo'),
    },
    [`${name}Edge`]: { node: property(nodeType, 'node'), cursor: property('String', 'cursor') },
  };
}

interface ThreadView {
  record: ReviewThreadRecord;
  comments: ReviewCommentRecord[];
}

class GraphQLFailure extends Error {
  readonly type: string;

  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

function threadView(context: GraphQLContext, record: ReviewThreadRecord): ThreadView {
  return { record, comments: context.site.state.threadComments(record) };
}

function setResolved(args: Record<string, Value>, context: GraphQLContext, isResolved: boolean): unknown {
  const input = args.input as { threadId?: string } | null;
  if (!context.canWrite) throw new GraphQLFailure('FORBIDDEN', 'Resource not accessible by integration');
  const record = context.site.state.reviewThreads.find((thread) => thread.id === input?.threadId);
  if (!record) throw new GraphQLFailure('NOT_FOUND', `Could not resolve to a node with the global id of '${input?.threadId}'`);
  record.isResolved = isResolved;
  record.resolvedBy = isResolved ? context.actor : undefined;
  return { thread: threadView(context, record), clientMutationId: (args.input as { clientMutationId?: string }).clientMutationId ?? null };
}

const actorType = (account: Account): string => (account.type === 'Bot' ? 'Bot' : 'User');

/** The slice of GitHub's schema the emulator answers: type → field → definition. */
const SCHEMA: Record<string, Record<string, FieldDefinition>> = {
  Query: {
    repository: field(
      'Repository',
      (_, args, context) => {
        const { repository } = context.site.state;
        const matches = String(args.owner).toLowerCase() === repository.owner.login.toLowerCase() && String(args.name).toLowerCase() === repository.name.toLowerCase();
        if (!matches) throw new GraphQLFailure('NOT_FOUND', `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`);
        return repository;
      },
      { arguments: { owner: { required: true }, name: { required: true }, followRenames: {} } },
    ),
    // Any token may ask who it is. For an installation token the viewer is its bot user, whose login keeps the
    // `[bot]` suffix REST shows (`github-actions[bot]`); the same account as a comment's `author` is a Bot named by
    // its app's slug.
    viewer: field('User', (_, __, context) => context.actor),
  },
  Mutation: {
    resolveReviewThread: field('ResolveReviewThreadPayload', (_, args, context) => setResolved(args, context, true), { arguments: { input: { required: true } } }),
    unresolveReviewThread: field('UnresolveReviewThreadPayload', (_, args, context) => setResolved(args, context, false), { arguments: { input: { required: true } } }),
  },
  ResolveReviewThreadPayload: { thread: property('PullRequestReviewThread', 'thread'), clientMutationId: property('String', 'clientMutationId') },
  UnresolveReviewThreadPayload: { thread: property('PullRequestReviewThread', 'thread'), clientMutationId: property('String', 'clientMutationId') },
  Repository: {
    id: field('ID', (repository) => nodeId('R', repository.id)),
    name: property('String', 'name'),
    nameWithOwner: field('String', (repository) => `${repository.owner.login}/${repository.name}`),
    pullRequest: field(
      'PullRequest',
      (_, args, context) => {
        if (!context.canRead) throw new GraphQLFailure('FORBIDDEN', 'Resource not accessible by integration');
        const pull = context.site.state.pullRequests.get(Number(args.number));
        if (!pull) throw new GraphQLFailure('NOT_FOUND', `Could not resolve to a PullRequest with the number of ${args.number}.`);
        return pull;
      },
      { arguments: { number: { required: true } } },
    ),
  },
  PullRequest: {
    id: field('ID', (pull) => nodeId('PR', pull.id)),
    number: property('Int', 'number'),
    title: property('String', 'title'),
    headRefOid: field('GitObjectID', (pull) => pull.head.sha),
    baseRefOid: field('GitObjectID', (pull) => pull.base.sha),
    reviewThreads: field(
      'PullRequestReviewThreadConnection',
      (pull, args, context) =>
        connection(
          context.site.state.reviewThreads.filter((thread) => thread.pullNumber === pull.number).map((thread) => threadView(context, thread)),
          args,
        ),
      { arguments: paging, connection: true },
    ),
  },
  ...connectionTypes('PullRequestReviewThread', 'PullRequestReviewThread'),
  PullRequestReviewThread: {
    id: field('ID', (thread: ThreadView) => thread.record.id),
    isResolved: field('Boolean', (thread: ThreadView) => thread.record.isResolved),
    isOutdated: field('Boolean', (thread: ThreadView) => thread.comments[0].line === null),
    isCollapsed: field('Boolean', (thread: ThreadView) => thread.record.isResolved),
    path: field('String', (thread: ThreadView) => thread.comments[0].path),
    line: field('Int', (thread: ThreadView) => thread.comments[0].line),
    startLine: field('Int', (thread: ThreadView) => thread.comments[0].startLine),
    originalLine: field('Int', (thread: ThreadView) => thread.comments[0].originalLine),
    originalStartLine: field('Int', (thread: ThreadView) => thread.comments[0].originalStartLine),
    diffSide: field('DiffSide', (thread: ThreadView) => thread.comments[0].side),
    startDiffSide: field('DiffSide', (thread: ThreadView) => thread.comments[0].startSide),
    subjectType: field('String', () => 'LINE'),
    viewerCanResolve: field('Boolean', (thread: ThreadView, _, context) => context.canWrite && !thread.record.isResolved),
    viewerCanUnresolve: field('Boolean', (thread: ThreadView, _, context) => context.canWrite && thread.record.isResolved),
    resolvedBy: field('Actor', (thread: ThreadView) => thread.record.resolvedBy ?? null),
    comments: field('PullRequestReviewCommentConnection', (thread: ThreadView, args) => connection(thread.comments, args), { arguments: paging, connection: true }),
  },
  ...connectionTypes('PullRequestReviewComment', 'PullRequestReviewComment'),
  PullRequestReviewComment: {
    id: field('ID', (comment: ReviewCommentRecord) => nodeId('PRRC', comment.id)),
    databaseId: property('Int', 'id'),
    fullDatabaseId: field('String', (comment: ReviewCommentRecord) => String(comment.id)),
    body: property('String', 'body'),
    path: property('String', 'path'),
    line: property('Int', 'line'),
    originalLine: property('Int', 'originalLine'),
    startLine: property('Int', 'startLine'),
    outdated: field('Boolean', (comment: ReviewCommentRecord) => comment.line === null),
    createdAt: property('DateTime', 'createdAt'),
    updatedAt: property('DateTime', 'updatedAt'),
    url: field('URI', (comment: ReviewCommentRecord, _, context) => `${context.site.serverUrl}/${context.site.state.repository.owner.login}/${context.site.state.repository.name}/pull/${comment.pullNumber}#discussion_r${comment.id}`),
    author: property('Actor', 'author'),
    viewerDidAuthor: field('Boolean', (comment: ReviewCommentRecord, _, context) => comment.author.login === context.actor.login),
  },
  Actor: {
    // GraphQL names a bot by its app's slug (`github-actions`), where REST says `github-actions[bot]`.
    login: field('String', (account: Account) => (account.type === 'Bot' ? account.login.replace(/\[bot\]$/, '') : account.login)),
    url: field('URI', (account: Account, _, context) => renderUser(context.site, account).html_url),
  },
  User: {
    id: field('ID', (account: Account, _, context) => renderUser(context.site, account).node_id),
    login: property('String', 'login'),
    databaseId: property('Int', 'id'),
  },
  PageInfo: {
    hasNextPage: property('Boolean', 'hasNextPage'),
    hasPreviousPage: property('Boolean', 'hasPreviousPage'),
    startCursor: property('String', 'startCursor'),
    endCursor: property('String', 'endCursor'),
  },
};

// ---- Validation and execution ---------------------------------------------------------------------------------------

function baseType(type: string): { name: string; list: boolean } {
  const list = type.startsWith('[');
  return { name: list ? type.slice(1, -1) : type, list };
}

/** GitHub's static checks: every field exists on its type, arguments are known and present, selections fit the types. */
function validate(typeName: string, fields: FieldNode[], variables: Set<string>, path: string[]): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const node of fields) {
    const where = { locations: [{ line: node.line, column: node.column }], path: [...path, node.alias ?? node.name] };
    if (node.name === '__typename') continue;
    const definition = SCHEMA[typeName]?.[node.name];
    if (!definition) {
      errors.push({ ...where, message: `Field '${node.name}' doesn't exist on type '${typeName}'`, extensions: { code: 'undefinedField', typeName, fieldName: node.name } });
      continue;
    }
    for (const argument of Object.keys(node.arguments)) {
      if (!definition.arguments?.[argument]) {
        errors.push({ ...where, message: `Field '${node.name}' doesn't accept argument '${argument}'`, extensions: { code: 'argumentNotAccepted', name: node.name, typeName: 'Field', argumentName: argument } });
      }
    }
    const missing = Object.entries(definition.arguments ?? {}).filter(([name, spec]) => spec.required && !(name in node.arguments)).map(([name]) => name);
    if (missing.length > 0) {
      errors.push({ ...where, message: `Field '${node.name}' is missing required arguments: ${missing.join(', ')}`, extensions: { code: 'missingRequiredArguments', className: 'Field', name: node.name, arguments: missing.join(', ') } });
    }
    for (const value of Object.values(node.arguments)) {
      for (const variable of variablesIn(value)) {
        if (!variables.has(variable)) errors.push({ ...where, message: `Variable $${variable} is used by anonymous query but not declared`, extensions: { code: 'variableNotDefined', variableName: variable } });
      }
    }
    const type = baseType(definition.type).name;
    if (SCALARS.has(type) && node.selections) {
      errors.push({ ...where, message: `Selections can't be made on scalars (field '${node.name}' returns ${type} but has selections [${node.selections.map((child) => child.name).join(', ')}])`, extensions: { code: 'selectionMismatch', nodeName: `field '${node.name}'`, typeName: type } });
    } else if (!SCALARS.has(type) && !node.selections) {
      errors.push({ ...where, message: `Field must have selections (field '${node.name}' returns ${type} but has no selections. Did you mean '${node.name} { ... }'?)`, extensions: { code: 'selectionMismatch', nodeName: `field '${node.name}'`, typeName: type } });
    } else if (node.selections) {
      errors.push(...validate(type, node.selections, variables, [...path, node.alias ?? node.name]));
    }
  }
  return errors;
}

function variablesIn(value: ValueNode): string[] {
  if (value.kind === 'variable') return [value.name];
  if (value.kind === 'list') return value.items.flatMap(variablesIn);
  if (value.kind === 'object') return Object.values(value.fields).flatMap(variablesIn);
  return [];
}

function evaluate(value: ValueNode, variables: Record<string, Value>): Value {
  if (value.kind === 'variable') return variables[value.name] ?? null;
  if (value.kind === 'literal') return value.value;
  if (value.kind === 'list') return value.items.map((item) => evaluate(item, variables));
  return Object.fromEntries(Object.entries(value.fields).map(([name, field]) => [name, evaluate(field, variables)]));
}

function execute(
  typeName: string,
  parent: unknown,
  fields: FieldNode[],
  variables: Record<string, Value>,
  context: GraphQLContext,
  path: (string | number)[],
  errors: GraphQLError[],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const node of fields) {
    const key = node.alias ?? node.name;
    const fieldPath = [...path, key];
    if (node.name === '__typename') {
      result[key] = typeName === 'Actor' ? actorType(parent as Account) : typeName;
      continue;
    }
    const definition = SCHEMA[typeName][node.name];
    const args = Object.fromEntries(Object.entries(node.arguments).map(([name, value]) => [name, evaluate(value, variables)]));
    try {
      if (definition.connection) checkPaging(node.name, args);
      const value = definition.resolve(parent, args, context);
      const type = baseType(definition.type);
      const shape = (item: unknown, itemPath: (string | number)[]): unknown =>
        item === null || item === undefined || !node.selections ? (item ?? null) : execute(type.name, item, node.selections, variables, context, itemPath, errors);
      result[key] = type.list && Array.isArray(value) ? value.map((item, index) => shape(item, [...fieldPath, index])) : shape(value, fieldPath);
    } catch (error) {
      if (!(error instanceof GraphQLFailure)) throw error;
      result[key] = null;
      errors.push({ type: error.type, path: fieldPath, locations: [{ line: node.line, column: node.column }], message: error.message });
    }
  }
  return result;
}

function checkPaging(name: string, args: Record<string, Value>): void {
  const first = args.first as number | null | undefined;
  const last = args.last as number | null | undefined;
  if (typeof first !== 'number' && typeof last !== 'number') {
    throw new GraphQLFailure('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`);
  }
  for (const [argument, value] of [['first', first], ['last', last]] as const) {
    if (typeof value === 'number' && value > 100) {
      throw new GraphQLFailure('EXCESSIVE_PAGINATION', `Requesting ${value} records on the \`${name}\` connection exceeds the \`${argument}\` limit of 100 records.`);
    }
  }
}

export interface GraphQLResult {
  body: { data?: unknown; errors?: GraphQLError[] };
  /** Errors the real API would also give for this query as written: contract violations. */
  invalid: GraphQLError[];
}

/** Runs one GraphQL request against the emulator's state. */
export function runGraphQL(request: { query?: unknown; variables?: unknown }, context: GraphQLContext): GraphQLResult {
  if (typeof request.query !== 'string') {
    const errors = [{ message: 'A query attribute must be specified and must be a string.' }];
    return { body: { errors }, invalid: errors };
  }
  let operation: OperationNode;
  try {
    operation = new Parser(request.query).operation();
  } catch (error) {
    if (!(error instanceof GraphQLSyntaxError)) throw error;
    const errors = [{ message: error.message }];
    return { body: { errors }, invalid: errors };
  }
  const root = operation.type === 'mutation' ? 'Mutation' : 'Query';
  const invalid = validate(root, operation.selections, operation.variables, [operation.type]);
  if (invalid.length > 0) return { body: { errors: invalid }, invalid };
  const errors: GraphQLError[] = [];
  const data = execute(root, undefined, operation.selections, (request.variables ?? {}) as Record<string, Value>, context, [], errors);
  return { body: errors.length > 0 ? { data, errors } : { data }, invalid: [] };
}
