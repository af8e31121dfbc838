import { appRouter } from '@stepwise/server/router';
import fc from 'fast-check';

/** What the fuzz tests generate and how they call and judge the server (procedures come from the router). */
// Bounded so the whole file runs in well under a minute on a small machine.
export const RUNS_PER_PROCEDURE = 8;
export const CALLER_RUNS = 40;
export const CHAT_RUNS = 40;
export const SOCKET_RUNS = 30;

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** Top-level keys of the input object schema, for "right keys, wrong types" inputs. */
  keys: string[];
}

type ProcedureLike = { _def: { type: ProcedureInfo['type']; inputs?: unknown[] } };

/** tRPC 11 keeps a flat `path -> procedure` map in `_def.procedures` (`_def.record` is the nested tree). */
function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureLike>;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({ path, type: procedure._def.type, keys: (procedure._def.inputs ?? []).flatMap(objectKeys) }))
    .sort((x, y) => x.path.localeCompare(y.path));
}

/** The keys of a zod object schema, looking through optional / default / pipe wrappers. */
function objectKeys(schema: unknown): string[] {
  let current = schema as { shape?: unknown; _zod?: { def?: { innerType?: unknown; in?: unknown } } } | undefined;
  for (let hops = 0; current && hops < 10; hops++) {
    if (current.shape && typeof current.shape === 'object') return Object.keys(current.shape);
    current = (current._zod?.def?.innerType ?? current._zod?.def?.in) as typeof current;
  }
  return [];
}

export const PROCEDURES = listProcedures();

// ---------------------------------------------------------------- arbitraries

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const nastyPiece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  loneSurrogate,
  fc.constantFrom('\u0000', '\uFFFF', '\uFEFF', '\u202E', '%00', '%', '\\', '"', "'; drop table users; --", '../../etc/passwd', '{{x}}', '${x}', '__proto__', 'constructor'),
);
export const nastyString = fc.array(nastyPiece, { maxLength: 8 }).map((parts) => parts.join(''));
const hugeString = fc.tuple(nastyString, fc.integer({ min: 10_000, max: 400_000 })).map(([s, n]) => `x${s}`.repeat(Math.ceil(n / (s.length + 1))).slice(0, n));
const deep = fc
  .tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean())
  .map(([depth, asArray]) => {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
    return value;
  });
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 2 ** 53, 1e308, -1e308, 5e-324, 2 ** 31));

/** Values that pass the first checks of many procedures, so fuzzing reaches the handlers. */
export const known = { workflowId: '', executionId: '', templateId: '', templateKey: '' };
const realValue = fc.constantFrom('workflowId', 'executionId', 'templateId', 'templateKey', 'ask', 'grow').map((k) => (k in known ? known[k as keyof typeof known] : k));

export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: realValue },
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: number },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deep },
);

export function inputFor(keys: string[]): fc.Arbitrary<unknown> {
  const shaped = keys.length
    ? fc
        .tuple(fc.record(Object.fromEntries(keys.map((k) => [k, fieldValue])), { requiredKeys: [] }), fc.dictionary(nastyString, fieldValue, { maxKeys: 2 }))
        .map(([right, extra]) => ({ ...extra, ...right }))
    : fc.dictionary(nastyString, fieldValue, { maxKeys: 4 });
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fieldValue },
  );
}

// ---------------------------------------------------------------- HTTP

export type Identity = 'anonymous' | 'user' | 'admin';

export interface Answer {
  status: number;
  body: string;
}

/** Stack frames (`    at fn (file:1:2)`) or source paths in a response mean internals leaked. */
const STACK_FRAME = /^\s*at\s.+:\d+:\d+\)?\s*$/m;
const SOURCE_PATH = /(?:\/work\/|file:\/\/|node_modules[\\/]|[\w-]+\.(?:ts|mjs|cjs):\d+)/;

function leak(body: string): string | null {
  if (STACK_FRAME.test(body)) return 'a stack frame';
  if (SOURCE_PATH.test(body)) return 'a source path';
  if (/"stack"\s*:/.test(body)) return 'a "stack" field';
  return null;
}

export function check(label: string, answer: Answer): void {
  if (answer.status >= 500) throw new Error(`${label}: HTTP ${answer.status}: ${answer.body.slice(0, 400)}`);
  const leaked = leak(answer.body);
  if (leaked) throw new Error(`${label}: the response contains ${leaked}: ${answer.body.slice(0, 400)}`);
}

export async function send(url: string, init: RequestInit = {}, label = url): Promise<Answer> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
    return { status: res.status, body: await res.text() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`${label}: no HTTP answer (${cause?.code ?? ''} ${cause?.message ?? (error as Error).message})`);
  }
}

/** A non-batched tRPC call as the typed client would make it: GET ?input= for queries, POST for mutations. */
export function callProcedure(base: string, procedure: ProcedureInfo, input: unknown, headers: Record<string, string>): Promise<Answer> {
  const url = `${base}/trpc/${procedure.path}`;
  if (procedure.type === 'mutation') {
    return send(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: input === undefined ? undefined : JSON.stringify(input) });
  }
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return send(url + query, { headers });
}

/** Requests a well-behaved client never sends. */
/**
 * Bodies tRPC refuses while parsing, before it looks at the procedure: sent to the first query and
 * the first mutation only, which keeps the run short without testing less.
 */
const PARSER_CASES = new Set(['200k-deep arrays', '100k-deep objects', 'over the body limit']);
const parserCaseTargets = new Set(['query', 'mutation'].map((type) => PROCEDURES.find((p) => p.type === type)?.path));

export function malformedRequests(procedure: ProcedureInfo): Array<[string, string, RequestInit]> {
  return allMalformedRequests(procedure).filter(([label]) => !PARSER_CASES.has(label) || parserCaseTargets.has(procedure.path));
}

function allMalformedRequests(procedure: ProcedureInfo): Array<[string, string, RequestInit]> {
  const p = procedure.path;
  const json = { 'content-type': 'application/json' };
  const deepArrays = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  const deepObjects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
  return [
    ['invalid JSON', p, { method: 'POST', headers: json, body: '{"id": ' }],
    ['not JSON at all', p, { method: 'POST', headers: json, body: 'hello' }],
    ['empty JSON body', p, { method: 'POST', headers: json, body: '' }],
    ['invalid UTF-8', p, { method: 'POST', headers: json, body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x3a, 0x31, 0x7d]) }],
    ['NUL bytes', p, { method: 'POST', headers: json, body: '{"id":"\u0000","data":{"\u0000":"\u0000"}}' }],
    ['escaped lone surrogates', p, { method: 'POST', headers: json, body: '{"id":"\\ud800","name":"\\udfff x","data":{"\\ud83d":"\\ude00"}}' }],
    ['200k-deep arrays', p, { method: 'POST', headers: json, body: deepArrays }],
    ['100k-deep objects', p, { method: 'POST', headers: json, body: `{"id":${deepObjects},"data":${deepObjects.slice(0, 200_000)}` }],
    ['deep input under every key', p, { method: 'POST', headers: json, body: `{${procedure.keys.map((k) => `${JSON.stringify(k)}:${'['.repeat(50_000)}${']'.repeat(50_000)}`).join(',')}}` }],
    ['over the body limit', p, { method: 'POST', headers: json, body: `"${'x'.repeat(1_100_000)}"` }],
    ['text/plain', p, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"id":1}' }],
    ['form-urlencoded', p, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=1&id=2&data[a]=b' }],
    ['broken multipart', p, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nContent-Disposition: form-data; name="id"\r\n\r\nx\r\n--zz' }],
    ['multipart without boundary', p, { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'garbage' }],
    ['octet-stream', p, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255, 254]) }],
    ['unknown content-type', p, { method: 'POST', headers: { 'content-type': 'application/x-what; charset=klingon' }, body: '{}' }],
    ['GET with invalid JSON input', `${p}?input=%7B%22id`, {}],
    ['GET with broken percent-encoding', `${p}?input=%E0%A4%A`, {}],
    ['GET with an empty input', `${p}?input=`, {}],
    ['GET with a repeated input', `${p}?input=1&input=2`, {}],
    ['GET with a lone-surrogate escape', `${p}?input=${encodeURIComponent('{"id":"\\ud800","key":"\\udc00"}')}`, {}],
    ['GET with a deep input', `${p}?input=${'%5B'.repeat(3_000)}${'%5D'.repeat(3_000)}`, {}],
    ['batch with an array body', `${p},${p}?batch=1`, { method: 'POST', headers: json, body: '[1,2]' }],
    ['batch with a null body', `${p}?batch=1`, { method: 'POST', headers: json, body: 'null' }],
    ['batch with holes', `${p},${p},${p}?batch=1`, { method: 'POST', headers: json, body: '{"2":{"id":"x"},"7":null}' }],
    ['batch GET with a string input', `${p},${p}?batch=1&input=%22x%22`, {}],
    ['batch=garbage', `${p}?batch=%00`, { method: 'POST', headers: json, body: '{}' }],
    ['a long batch', `${Array.from({ length: 100 }, () => p).join(',')}?batch=1`, { method: 'POST', headers: json, body: '{}' }],
    ['wrong method (DELETE)', p, { method: 'DELETE' }],
    ['wrong method (PUT)', p, { method: 'PUT', headers: json, body: '{}' }],
    ['wrong method for the type', p, procedure.type === 'mutation' ? {} : { method: 'POST', headers: json, body: '{}' }],
    ['a path with a trailing dot', `${p}.`, {}],
    ['a path into the prototype', `${p}.__proto__`, {}],
    ['a forged Bearer token', p, { method: 'POST', headers: { ...json, authorization: `Bearer ${'x'.repeat(4_000)}` }, body: '{}' }],
    ['a forged session cookie', p, { method: 'POST', headers: { ...json, cookie: 'sw_session=%E0%A4%A; sw_session=' }, body: '{}' }],
    ['a non-Bearer authorization', p, { method: 'POST', headers: { ...json, authorization: 'Basic Og==' }, body: '{}' }],
  ];
}
