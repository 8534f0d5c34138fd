// GitHub's REST contract, read from its official OpenAPI description (@octokit/openapi):
// route matching against the path templates and ajv validators for parameters, request bodies and responses.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** `api.github.com`, or a GitHub Enterprise Server description such as `ghes-3.19`. */
export type SpecName = 'api.github.com' | `ghes-${number}.${number}`;

type JsonSchema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
  /** GitHub's marker for path parameters that may contain slashes (`contents/{path}`). */
  'x-multi-segment'?: boolean;
}

interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  externalDocs?: { url: string };
  'x-github'?: { category?: string; subcategory?: string };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, Parameter>; responses: Record<string, unknown> };
}

/** One operation of the description, as matched for a request. */
export interface ContractOperation {
  operationId: string;
  method: string;
  /** The OpenAPI path template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  template: string;
  /** Where GitHub's error bodies point (`documentation_url`). */
  documentationUrl: string;
  /** GitHub's grouping (`pulls`, `issues`, `repos`/`contents`...): decides which token permission the operation needs. */
  category: string;
  subcategory: string;
}

export type RouteMatch =
  | { kind: 'operation'; operation: ContractOperation; pathParameters: Record<string, string> }
  | { kind: 'unknown-path' }
  | { kind: 'method-not-allowed'; template: string };

export interface ParameterCheck {
  /** Path and query parameters, coerced to their schema types (`"2"` → `2`), defaults filled in. */
  values: Record<string, unknown>;
  /** A path that does not fit its template (`pulls/abc`): an unknown URL to GitHub. */
  pathProblems: string[];
  queryProblems: string[];
}

const require = createRequire(import.meta.url);
const specDirectory = dirname(require.resolve('@octokit/openapi/generated/api.github.com.json'));
const contracts = new Map<SpecName, OpenApiContract>();

/** The newest GHES description shipped with @octokit/openapi. */
export function newestGhesSpec(): SpecName {
  const versions = readdirSync(specDirectory)
    .map((file) => /^ghes-(\d+)\.(\d+)\.json$/.exec(file))
    .filter((match) => match !== null)
    .map((match) => [Number(match[1]), Number(match[2])] as const)
    .sort(([majorA, minorA], [majorB, minorB]) => majorB - majorA || minorB - minorA);
  if (versions.length === 0) throw new Error(`no ghes-*.json description in ${specDirectory}`);
  const [major, minor] = versions[0];
  return `ghes-${major}.${minor}`;
}

/** Ajv speaks JSON Schema; OpenAPI 3.0 adds a few keywords ajv ignores (`discriminator`, `example`) and `nullable`, which it knows. */
function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false, coerceTypes, useDefaults: coerceTypes });
  addFormats(ajv);
  // OpenAPI's numeric and GitHub's own formats say nothing a JSON value can break.
  for (const format of ['int32', 'int64', 'double', 'binary', 'repo.nwo']) ajv.addFormat(format, true);
  return ajv;
}

export class OpenApiContract {
  readonly specName: SpecName;
  private readonly document: OpenApiDocument;
  private readonly routes = new RouteTree();
  private readonly operations = new Map<string, { operation: Operation; contract: ContractOperation }>();
  private readonly bodyAjv = createAjv(false);
  private readonly parameterAjv = createAjv(true);
  private readonly bodyValidators = new Map<string, ValidateFunction | null>();
  private readonly parameterValidators = new Map<string, { validate: ValidateFunction; multiSegment: Set<string> }>();
  private readonly responseValidators = new Map<string, ValidateFunction>();

  /** Parses a description once per process (they are 11–13 MB); validators are compiled on first use. */
  static load(specName: SpecName): OpenApiContract {
    let contract = contracts.get(specName);
    if (!contract) {
      const file = join(specDirectory, `${specName}.json`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`no OpenAPI description ${file} (spec "${specName}")`);
      }
      contract = new OpenApiContract(specName, JSON.parse(text) as OpenApiDocument);
      contracts.set(specName, contract);
    }
    return contract;
  }

  private constructor(specName: SpecName, document: OpenApiDocument) {
    this.specName = specName;
    this.document = document;
    for (const [template, pathItem] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(pathItem)) {
        const contract: ContractOperation = {
          operationId: operation.operationId,
          method: method.toUpperCase(),
          template,
          documentationUrl: operation.externalDocs?.url ?? 'https://docs.github.com/rest',
          category: operation['x-github']?.category ?? '',
          subcategory: operation['x-github']?.subcategory ?? '',
        };
        this.operations.set(operation.operationId, { operation, contract });
        this.routes.add(template, contract.method, contract, this.multiSegmentNames(operation));
      }
    }
  }

  /** Throws for an operationId the description does not have (a typo in a test). */
  operation(operationId: string): ContractOperation {
    return this.entry(operationId).contract;
  }

  match(method: string, pathname: string): RouteMatch {
    return this.routes.match(method, pathname);
  }

  checkParameters(operation: ContractOperation, pathParameters: Record<string, string>, query: URLSearchParams): ParameterCheck {
    const { validate, multiSegment } = this.parameterValidator(operation.operationId);
    const values: Record<string, unknown> = { ...pathParameters };
    for (const name of new Set(query.keys())) {
      // GitHub ignores query parameters it does not know; so does the schema (no additionalProperties: false).
      const all = query.getAll(name);
      values[name] = all.length > 1 ? all : all[0];
    }
    const pathProblems = Object.keys(pathParameters)
      .filter((name) => !multiSegment.has(name) && pathParameters[name].includes('/'))
      .map((name) => `parameter/${name} must not contain "/"`);
    const errors = validate(values) ? [] : (validate.errors ?? []);
    const isPath = (error: ErrorObject): boolean => {
      const name = error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/')[1];
      return name in pathParameters;
    };
    pathProblems.push(...describeErrors(errors.filter(isPath), 'parameter'));
    return { values, pathProblems, queryProblems: describeErrors(errors.filter((error) => !isPath(error)), 'parameter') };
  }

  /** Problems of a JSON request body; an operation without a body schema accepts anything. */
  checkBody(operation: ContractOperation, body: unknown): string[] {
    const { operation: described } = this.entry(operation.operationId);
    if (body === undefined) return described.requestBody?.required ? ['a request body is required'] : [];
    let validate = this.bodyValidators.get(operation.operationId);
    if (validate === undefined) {
      const schema = described.requestBody?.content?.['application/json']?.schema;
      validate = schema ? this.compile(this.bodyAjv, schema) : null;
      this.bodyValidators.set(operation.operationId, validate);
    }
    if (!validate || validate(body)) return [];
    return describeErrors(validate.errors ?? [], 'body');
  }

  /** Problems of a response body the emulator sends: keeps its resources true to GitHub's shapes. */
  checkResponse(operationId: string, status: number, body: unknown): string[] {
    const key = `${operationId} ${status}`;
    let validate = this.responseValidators.get(key);
    if (!validate) {
      let response = this.entry(operationId).operation.responses?.[String(status)];
      if (response?.$ref) response = this.resolve(response.$ref) as typeof response;
      const schema = response?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${this.specName}: ${operationId} documents no JSON ${status} response`);
      validate = this.compile(this.bodyAjv, schema);
      this.responseValidators.set(key, validate);
    }
    return validate(body) ? [] : describeErrors(validate.errors ?? [], 'response');
  }

  private entry(operationId: string): { operation: Operation; contract: ContractOperation } {
    const entry = this.operations.get(operationId);
    if (!entry) throw new Error(`${this.specName} has no operation "${operationId}"`);
    return entry;
  }

  private parameters(operation: Operation): Parameter[] {
    return (operation.parameters ?? []).map((parameter) => ('$ref' in parameter ? (this.resolve(parameter.$ref) as Parameter) : parameter));
  }

  private multiSegmentNames(operation: Operation): Set<string> {
    return new Set(this.parameters(operation).filter((parameter) => parameter['x-multi-segment']).map((parameter) => parameter.name));
  }

  private parameterValidator(operationId: string): { validate: ValidateFunction; multiSegment: Set<string> } {
    let entry = this.parameterValidators.get(operationId);
    if (!entry) {
      const { operation } = this.entry(operationId);
      const parameters = this.parameters(operation).filter((parameter) => parameter.in === 'path' || parameter.in === 'query');
      const schema = {
        type: 'object',
        properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema ?? {}])),
        required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      };
      entry = { validate: this.compile(this.parameterAjv, schema), multiSegment: this.multiSegmentNames(operation) };
      this.parameterValidators.set(operationId, entry);
    }
    return entry;
  }

  private resolve(ref: string): unknown {
    const path = ref.replace(/^#\//, '').split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node: unknown = this.document;
    for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
    if (node === undefined) throw new Error(`${this.specName}: unresolvable $ref ${ref}`);
    return node;
  }

  /** Compiles a schema with just the component schemas it reaches, so `#/components/schemas/...` refs resolve. */
  private compile(ajv: Ajv, schema: JsonSchema): ValidateFunction {
    const reached: Record<string, JsonSchema> = {};
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === 'string') {
        const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
        if (!name) throw new Error(`${this.specName}: unsupported $ref ${ref}`);
        if (!(name in reached)) {
          reached[name] = this.document.components.schemas[name];
          visit(reached[name]);
        }
      }
      Object.values(node).forEach(visit);
    };
    visit(schema);
    return ajv.compile(withNullable({ allOf: [schema], components: { schemas: reached } }) as JsonSchema);
  }
}

/**
 * OpenAPI 3.0's `nullable: true` lets a value be null, also where GitHub's description pairs it with an `enum` that
 * lacks null (`start_side`, a check run's `conclusion`) or with no `type` at all: ajv would reject the nulls GitHub
 * really sends and accepts, so spell nullability out as JSON Schema.
 */
function withNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullable);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withNullable(value)])) as JsonSchema;
  if (nullable !== true) return nullable === undefined ? rest : { ...rest, nullable };
  if (rest.type === undefined) return { anyOf: [{ type: 'null' }, rest] };
  const type = Array.isArray(rest.type) ? rest.type : [rest.type];
  const enumValues = Array.isArray(rest.enum) && !rest.enum.includes(null) ? { enum: [...rest.enum, null] } : {};
  return { ...rest, ...enumValues, type: [...type, 'null'] };
}

/** ajv's errors as one line each, naming where: `body/comments/0/line must be integer`. */
function describeErrors(errors: ErrorObject[], root: string): string[] {
  // A failed oneOf/anyOf reports every branch; the branch errors already say what is wrong.
  const useful = errors.filter((error) => !['oneOf', 'anyOf', 'allOf', 'if'].includes(error.keyword) || errors.length === 1);
  const lines = useful.map((error) => {
    const where = `${root}${error.instancePath}`;
    if (error.keyword === 'required') return `${where} is missing "${String(error.params.missingProperty)}"`;
    if (error.keyword === 'enum') return `${where} must be one of ${JSON.stringify(error.params.allowedValues)}`;
    return `${where} ${error.message ?? error.keyword}`;
  });
  return [...new Set(lines)];
}

interface SegmentPattern {
  /** A param-only segment (`{pull_number}`) or a mixed one (`{base}...{head}`). */
  regex: RegExp;
  names: string[];
}

interface RouteNode {
  literals: Map<string, RouteNode>;
  patterns: { pattern: SegmentPattern; source: string; node: RouteNode }[];
  /** A trailing multi-segment parameter (`contents/{path}`): it takes the rest of the path. */
  rest: { name: string; node: RouteNode } | undefined;
  methods: Map<string, ContractOperation>;
  template: string | undefined;
}

function newNode(): RouteNode {
  return { literals: new Map(), patterns: [], rest: undefined, methods: new Map(), template: undefined };
}

function segmentPattern(segment: string): SegmentPattern {
  const names: string[] = [];
  const source = segment
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '(.+?)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

/** Path templates as a tree of segments: literal segments win over parameters, as on GitHub (`pulls/comments` is not pull "comments"). */
class RouteTree {
  private readonly root = newNode();

  add(template: string, method: string, operation: ContractOperation, multiSegment: Set<string>): void {
    const segments = template.split('/').slice(1);
    let node = this.root;
    segments.forEach((segment, index) => {
      const restName = /^\{([^}]+)\}$/.exec(segment)?.[1];
      if (restName && multiSegment.has(restName) && index === segments.length - 1) {
        node.rest ??= { name: restName, node: newNode() };
        node = node.rest.node;
      } else if (!segment.includes('{')) {
        if (!node.literals.has(segment)) node.literals.set(segment, newNode());
        node = node.literals.get(segment)!;
      } else {
        let child = node.patterns.find((candidate) => candidate.source === segment);
        if (!child) {
          child = { pattern: segmentPattern(segment), source: segment, node: newNode() };
          node.patterns.push(child);
        }
        node = child.node;
      }
    });
    node.methods.set(method, operation);
    node.template = template;
  }

  match(method: string, pathname: string): RouteMatch {
    let segments: string[];
    try {
      segments = pathname.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return { kind: 'unknown-path' };
    }
    const found = this.walk(this.root, segments, {});
    if (!found) return { kind: 'unknown-path' };
    const operation = found.node.methods.get(method);
    if (!operation) return { kind: 'method-not-allowed', template: found.node.template! };
    return { kind: 'operation', operation, pathParameters: found.parameters };
  }

  private walk(node: RouteNode, segments: string[], parameters: Record<string, string>): { node: RouteNode; parameters: Record<string, string> } | undefined {
    if (segments.length === 0) return node.methods.size > 0 ? { node, parameters } : undefined;
    const [segment, ...rest] = segments;
    if (segment === '') return undefined;
    const literal = node.literals.get(segment);
    const viaLiteral = literal && this.walk(literal, rest, parameters);
    if (viaLiteral) return viaLiteral;
    for (const { pattern, node: child } of node.patterns) {
      const match = pattern.regex.exec(segment);
      if (!match) continue;
      const named = Object.fromEntries(pattern.names.map((name, index) => [name, match[index + 1]]));
      const viaPattern = this.walk(child, rest, { ...parameters, ...named });
      if (viaPattern) return viaPattern;
    }
    if (node.rest && node.rest.node.methods.size > 0 && segments.every((part) => part !== '')) {
      return { node: node.rest.node, parameters: { ...parameters, [node.rest.name]: segments.join('/') } };
    }
    return undefined;
  }
}
