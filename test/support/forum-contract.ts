/**
 * Every forum request the test suite sees, checked against Discourse's own OpenAPI document
 * (docs/spec/discourse-openapi.json, from discourse/discourse_api_docs): the path and the
 * method must be an operation it describes, the path and query parameters and the JSON body
 * must match its schemas; and what the stand-in forums answer must match its response
 * schemas. Requests are seen in two places: by the stand-in forum's server, whichever
 * process sent them, and by nock in this process (the NockForum and the tests' own
 * interceptors), each told from other traffic by the API key every forum call carries.
 *
 * What the document does not describe, or describes otherwise than Discourse answers, is
 * listed here, by operation, and in docs/spec/discourse-contract.md §10, which a test keeps
 * in step: nothing is let through unnamed. Under mocha, a test during which a request or an
 * answer broke the document fails, naming it.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import nock from 'nock';

export const OPENAPI_FILE = 'docs/spec/discourse-openapi.json';
/** The commit of discourse/discourse_api_docs the document was taken from, and its git blob. */
export const OPENAPI_SOURCE = {
  repository: 'discourse/discourse_api_docs',
  commit: '6737ac2ab31321c6e0dedb76dd2d02fb145b54cb',
  path: 'openapi.json',
  blob: 'fec0a3ce04f24a9362db764349cdbdc0adbd11fb',
};

type Schema = Record<string, unknown>;

const REGISTERED = Symbol.for('meetup-companion.forum-contract');

/**
 * Operations the service uses that the document does not describe, each read from
 * Discourse's source instead (docs/spec/discourse-contract.md §10.1).
 */
export const UNDESCRIBED: ReadonlyArray<{ operation: string; path: RegExp }> = [
  { operation: 'GET /session/current.json', path: /^\/session\/current\.json$/ },
  { operation: 'GET /post_action_users.json', path: /^\/post_action_users\.json$/ },
  { operation: 'GET /admin/plugins.json', path: /^\/admin\/plugins\.json$/ },
  { operation: 'GET /admin/config/site_settings.json', path: /^\/admin\/config\/site_settings\.json$/ },
  { operation: 'GET /admin/api/web_hooks.json', path: /^\/admin\/api\/web_hooks\.json$/ },
  { operation: 'POST /admin/api/web_hooks.json', path: /^\/admin\/api\/web_hooks\.json$/ },
  { operation: 'PUT /admin/api/web_hooks/{id}.json', path: /^\/admin\/api\/web_hooks\/\d+\.json$/ },
];

/** The operations of the document the service calls (docs/spec/interface.md, "Forum calls"). */
const SERVICE_CALLS = [
  'GET /site.json',
  'GET /t/{id}.json',
  'GET /t/{id}/posts.json',
  'GET /t/external_id/{external_id}.json',
  'POST /posts.json',
  'PUT /posts/{id}.json',
  'POST /categories.json',
  'GET /u/{username}.json',
  'GET /c/{slug}/{id}.json',
  'GET /groups/{name}.json',
];

/**
 * Where the document and what Discourse does differ for an operation the service uses
 * (docs/spec/discourse-contract.md §10.2): a query parameter it leaves out, a field of an
 * answer it does not name. Each is allowed here by name, and nowhere else.
 */
export const DISAGREEMENTS: ReadonlyArray<{
  operation: string;
  /** Query parameters Discourse reads that the document does not list. */
  query?: Record<string, Schema>;
  /** Answer fields the document does not name, by JSON pointer of the object that holds them. */
  answerFields?: Record<string, Record<string, Schema>>;
  /** A parameter the document puts in a JSON body that Discourse reads from the query as well. */
  queryFromBody?: string[];
}> = [
  {
    operation: 'GET /t/{id}.json',
    query: { include_raw: { enum: ['true', 'false'] } },
    answerFields: {
      '/properties/post_stream/properties/posts/items': { raw: { type: 'string' } },
      // A private message has no category.
      '': { category_id: { type: ['integer', 'null'] } },
    },
  },
  {
    operation: 'GET /t/{id}/posts.json',
    query: { include_raw: { enum: ['true', 'false'] } },
    queryFromBody: ['post_ids[]'],
    answerFields: { '/properties/post_stream/properties/posts/items': { raw: { type: 'string' } } },
  },
  {
    operation: 'GET /c/{slug}/{id}.json',
    query: { page: { type: 'string', pattern: '^[0-9]+$' } },
    answerFields: { '/properties/topic_list': { more_topics_url: { type: 'string' } } },
  },
  {
    operation: 'GET /u/{username}.json',
    answerFields: { '/properties/user': { website: { type: ['string', 'null'] } } },
  },
];

interface RawOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface Operation {
  name: string;
  method: string;
  pattern: RegExp;
  /** Literal characters of the template: the most specific template wins. */
  weight: number;
  raw: RawOperation;
  /** Its validators, compiled when it is first met: compiling the whole document takes seconds. */
  compiled?: Compiled;
}

interface Compiled {
  pathParams: Array<{ name: string; validate: ValidateFunction }>;
  query: Map<string, { required: boolean; validate: ValidateFunction }>;
  body: ValidateFunction | null;
  /** The body's schema, for parameters Discourse also takes from the query. */
  bodySchema: Schema | null;
  answers: Map<string, ValidateFunction>;
}

/** A copy of `schema` that asks for none of the fields it names: a stand-in answers with some of them. */
function withoutRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRequired);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (k !== 'required') out[k] = withoutRequired(v);
  return out;
}

/** Adds `fields` to the object schema found at `pointer` in `schema` (a copy). */
function withFields(schema: Schema, pointer: string, fields: Record<string, Schema>): Schema {
  const copy = structuredClone(schema);
  let at: Record<string, unknown> = copy;
  for (const part of pointer.split('/').filter(Boolean)) at = at[part] as Record<string, unknown>;
  at.properties = { ...(at.properties as Schema), ...fields };
  return copy;
}

export class ForumContract {
  private readonly operations: Operation[] = [];
  /** Problems found since they were last taken. */
  private problems: string[] = [];
  readonly checked = new Map<string, number>();
  readonly undescribedSeen = new Map<string, number>();
  answersChecked = 0;

  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: false });

  constructor(document: { paths: Record<string, Record<string, unknown>> }) {
    formats.default(this.ajv);
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, raw] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
        const literal = template.replace(/[.*+?^$()|[\]\\]/g, (c) => `\\${c}`);
        this.operations.push({
          name: `${method.toUpperCase()} ${template}`,
          method: method.toUpperCase(),
          pattern: new RegExp(`^${literal.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
          weight: template.replace(/\{[^}]+\}/g, '').length,
          raw: raw as RawOperation,
        });
      }
    }
    this.operations.sort((a, b) => b.weight - a.weight);
  }

  private compile(op: Operation): Compiled {
    if (op.compiled) return op.compiled;
    const disagreement = DISAGREEMENTS.find((d) => d.operation === op.name);
    const params = op.raw.parameters ?? [];
    const bodySchema = op.raw.requestBody?.content?.['application/json']?.schema ?? null;
    const query = new Map<string, { required: boolean; validate: ValidateFunction }>();
    for (const p of params.filter((x) => x.in === 'query'))
      query.set(p.name, { required: !!p.required, validate: parameter(p.schema ?? {}) });
    for (const [q, schema] of Object.entries(disagreement?.query ?? {}))
      query.set(q, { required: false, validate: parameter(schema) });
    const answers = new Map<string, ValidateFunction>();
    for (const [status, response] of Object.entries(op.raw.responses ?? {})) {
      let schema = response.content?.['application/json']?.schema;
      if (!schema) continue;
      for (const [pointer, fields] of Object.entries(disagreement?.answerFields ?? {}))
        schema = withFields(schema, pointer, fields);
      answers.set(status, this.ajv.compile(withoutRequired(schema) as Schema));
    }
    op.compiled = {
      pathParams: params
        .filter((p) => p.in === 'path')
        .map((p) => ({ name: p.name, validate: parameter(p.schema ?? {}) })),
      query,
      body: bodySchema && !disagreement?.queryFromBody ? this.ajv.compile(bodySchema) : null,
      bodySchema,
      answers,
    };
    return op.compiled;
  }

  /**
   * Compiles the operations the service calls now, not at their first request: a stand-in
   * forum that stopped for that in the middle of a fault test would move its timing.
   */
  warm(): void {
    for (const op of this.operations) if (SERVICE_CALLS.includes(op.name)) this.compile(op);
  }

  static fromFile(file = OPENAPI_FILE): ForumContract {
    return new ForumContract(JSON.parse(readFileSync(file, 'utf8')));
  }

  private operationOf(method: string, path: string): { op: Operation; values: string[] } | null {
    for (const op of this.operations) {
      if (op.method !== method) continue;
      const m = op.pattern.exec(path);
      if (m) return { op, values: m.slice(1).map((v) => decodeURIComponent(v)) };
    }
    return null;
  }

  /** Checks one request the service made; what is wrong is kept for `takeProblems`. */
  request(method: string, url: string, body: string, headers: Record<string, unknown> = {}): void {
    const [path = '/', search = ''] = url.split('?');
    const found = this.operationOf(method, path);
    if (!found) {
      const listed = UNDESCRIBED.find((u) => u.operation.startsWith(`${method} `) && u.path.test(path));
      if (listed) this.undescribedSeen.set(listed.operation, (this.undescribedSeen.get(listed.operation) ?? 0) + 1);
      else
        this.problems.push(
          `${method} ${path}: no such operation in the OpenAPI document, and not listed as undescribed`,
        );
      return;
    }
    const { op, values } = found;
    const c = this.compile(op);
    this.checked.set(op.name, (this.checked.get(op.name) ?? 0) + 1);
    const wrong = (what: string) => this.problems.push(`${method} ${url} (${op.name}): ${what}`);
    c.pathParams.forEach((p, i) => {
      if (!p.validate({ v: values[i] })) wrong(`path parameter ${p.name} ${JSON.stringify(values[i])}`);
    });
    for (const h of (op.raw.parameters ?? []).filter((p) => p.in === 'header' && p.required))
      if (headers[h.name.toLowerCase()] === undefined) wrong(`header ${h.name} is missing`);
    const params = new URLSearchParams(search);
    const fromBody = DISAGREEMENTS.find((d) => d.operation === op.name)?.queryFromBody ?? [];
    for (const name of new Set(params.keys())) {
      const all = params.getAll(name);
      if (fromBody.includes(name)) {
        const item = (c.bodySchema?.properties as Record<string, Schema> | undefined)?.[name] ?? {};
        const check = parameter(item);
        for (const v of all) if (!check({ v })) wrong(`query ${name}=${v} is not ${JSON.stringify(item)}`);
        continue;
      }
      const q = c.query.get(name);
      if (!q) {
        wrong(`query parameter ${name} is not in the document`);
        continue;
      }
      for (const v of all) if (!q.validate({ v })) wrong(`query ${name}=${v}`);
    }
    for (const [name, q] of c.query) if (q.required && !params.has(name)) wrong(`query parameter ${name} is missing`);
    for (const name of fromBody) if (!params.has(name)) wrong(`${name} is missing`);
    if (c.body) {
      let parsed: unknown;
      try {
        parsed = body ? JSON.parse(body) : {};
      } catch {
        wrong('the body is not JSON');
        return;
      }
      if (!c.body(parsed)) wrong(`body ${describe(c.body)}`);
    } else if (body && !fromBody.length && method !== 'GET') {
      wrong('a body the document does not describe');
    }
  }

  /** Checks what a stand-in forum answered to a request the document describes. */
  answer(method: string, url: string, status: number, body: string): void {
    const [path = '/'] = url.split('?');
    const found = this.operationOf(method, path);
    const validate = found ? this.compile(found.op).answers.get(String(status)) : undefined;
    if (!found || !validate) return;
    this.answersChecked++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      this.problems.push(`${method} ${url} answered ${status} with a body that is not JSON`);
      return;
    }
    if (!validate(parsed)) this.problems.push(`${method} ${url} answered ${status}: ${describe(validate)}`);
  }

  takeProblems(): string[] {
    const taken = this.problems;
    this.problems = [];
    return taken;
  }
}

const coercingItems = new Ajv2020({ strict: false, coerceTypes: true });
formats.default(coercingItems);
const parameters = new Map<string, ValidateFunction>();

/** A parameter's text checked as its schema reads it ("61" as an integer): held in an object, so it can be coerced. */
function parameter(schema: Schema): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = parameters.get(key);
  if (!v)
    parameters.set(key, (v = coercingItems.compile({ type: 'object', properties: { v: schema }, required: ['v'] })));
  return v;
}

function describe(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
    )
    .join('; ');
}

let shared: ForumContract | null = null;
/** The one contract of this process, read on first use. */
export function forumContract(): ForumContract {
  return (shared ??= ForumContract.fromFile());
}

/** Whether this process checks forum calls: under mocha it does; a benchmark using the stand-in forum does not. */
export function checkingForumCalls(): boolean {
  return (globalThis as Record<symbol, unknown>)[REGISTERED] === true;
}

/**
 * Every forum call answered by nock in this process (the NockForum and the tests' own
 * interceptors), with the body as sent: nock tells each scope of a request it matched (its
 * documented 'request' event), and every scope shares one prototype. The stand-in forum
 * checks its own requests as its server reads them.
 */
function watchNockRequests(): void {
  const scope = Object.getPrototypeOf(nock('http://forum-contract.invalid')) as {
    emit: (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
  };
  const emit = scope.emit;
  scope.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [req, , body] = args as [
        { method: string; path: string; headers: Record<string, unknown> },
        unknown,
        string,
      ];
      if (req.headers?.['api-key']) forumContract().request(req.method, req.path, body ?? '', req.headers);
    }
    return emit.call(this, event, ...args);
  };
}

/** Fails the test during which a forum call or answer broke the document (marking the test, not the hook, so the suite goes on). */
function failOnProblems(this: unknown): void {
  if (!shared) return;
  const problems = shared.takeProblems();
  if (problems.length === 0) return;
  const hook = (this as { test?: { error(err: Error): void } }).test;
  hook?.error(
    new Error(`forum calls or answers that Discourse's OpenAPI document does not allow:\n  ${problems.join('\n  ')}`),
  );
}

function summary(): void {
  if (!shared) return;
  const requests = [...shared.checked.values()].reduce((a, b) => a + b, 0);
  const undescribed = [...shared.undescribedSeen.keys()].sort();
  process.stdout.write(
    `\nforum contract: ${requests} requests over ${shared.checked.size} operations checked against ${OPENAPI_FILE}, ${shared.answersChecked} stand-in answers; not described there (docs/spec/discourse-contract.md §10.1): ${undescribed.join(', ') || 'none'}\n`,
  );
}

function start(): boolean {
  const flags = globalThis as Record<symbol, unknown>;
  if (flags[REGISTERED]) return false;
  flags[REGISTERED] = true;
  watchNockRequests();
  return true;
}

/**
 * Under mocha, every test is watched. .mocharc.json requires this module (mocha then takes
 * `mochaHooks`); a run without the config registers the same hooks when the first test file
 * that imports this module is loaded.
 */
export const mochaHooks = {
  beforeAll(): void {
    start();
  },
  afterEach: failOnProblems,
  afterAll: summary,
};
const g = globalThis as { afterEach?: (fn: (this: unknown) => void) => void; after?: (fn: () => void) => void };
if (typeof g.afterEach === 'function' && start()) {
  g.afterEach(failOnProblems);
  g.after?.(summary);
}
