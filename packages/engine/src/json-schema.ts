import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldErrors } from './errors';

/**
 * One Ajv for the whole engine (JSON Schema 2020-12, standard formats). strictSchema rejects
 * unknown keywords and formats so a typo (`minLenght`) is caught when the workflow is saved.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false, strictSchema: true, validateFormats: true });
addFormats(ajv);
// Marks a field whose values are encrypted at rest (read by @stepwise/db); no effect on validation.
ajv.addKeyword({ keyword: 'x-sensitive', schemaType: 'boolean' });

export type JsonSchemaValidator = (data: unknown) => FieldErrors;
export type CompiledJsonSchema = { ok: true; validate: JsonSchemaValidator } | { ok: false; message: string };

const MAX_CACHED = 500;
const cache = new Map<string, { compiled: CompiledJsonSchema; schema: object | null }>();

/** Compiles a schema once (cached by its JSON text); an invalid schema gives a message instead. */
export function compileJsonSchema(schema: unknown): CompiledJsonSchema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return { ok: false, message: 'a JSON Schema must be an object' };
  }
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) return hit.compiled;

  // Every schema is read as 2020-12: `$schema`/`$id` would make Ajv look up or register it globally.
  const { $schema: _dialect, $id: _id, ...body } = schema as Record<string, unknown>;
  let entry: { compiled: CompiledJsonSchema; schema: object | null };
  try {
    const fn = ajv.compile(body);
    entry = { compiled: { ok: true, validate: (data) => run(fn, data) }, schema: body };
  } catch (error) {
    entry = { compiled: { ok: false, message: error instanceof Error ? error.message : String(error) }, schema: null };
  }
  if (cache.size >= MAX_CACHED) evictOldest();
  cache.set(key, entry);
  return entry.compiled;
}

function run(fn: ValidateFunction, data: unknown): FieldErrors {
  return fn(data) ? {} : ajvErrorsToFieldErrors(fn.errors ?? []);
}

function evictOldest(): void {
  const oldest = cache.keys().next();
  if (oldest.done) return;
  const entry = cache.get(oldest.value);
  cache.delete(oldest.value);
  // Ajv keeps its own strong reference to every compiled schema object.
  if (entry?.schema) ajv.removeSchema(entry.schema);
}

/**
 * Ajv errors as plain-English messages keyed by field: `age`, `address.city`, `items.0`;
 * `required` and `additionalProperties` errors are keyed by the property they name; `_` is the whole object.
 */
export function ajvErrorsToFieldErrors(errors: readonly ErrorObject[]): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) {
    const described = describeJsonSchemaError(error);
    if (!described) continue;
    const segments = [...pointerSegments(error.instancePath), ...(described.property === undefined ? [] : [described.property])];
    const field = segments.length === 0 ? '_' : segments.join('.');
    const messages = (result[field] ??= []);
    if (!messages.includes(described.message)) messages.push(described.message);
  }
  return result;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'empty',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'a valid email address',
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'a date and time',
  time: 'a time',
  uri: 'a valid URL',
  url: 'a valid URL',
  uuid: 'a UUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  hostname: 'a host name',
};

function showValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One Ajv error in words, plus the property it is about when Ajv reports it on the parent object. */
function describeJsonSchemaError(error: ErrorObject): { message: string; property?: string } | null {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { message: 'is required', property: String(p.missingProperty) };
    case 'dependentRequired':
      return { message: `is required when ${String(p.property)} is given`, property: String(p.missingProperty) };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { message: 'is not an expected field', property: String(p.additionalProperty ?? p.unevaluatedProperty) };
    case 'type': {
      const types = Array.isArray(p.type) ? p.type : String(p.type).split(',');
      return { message: `must be ${types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ')}` };
    }
    case 'minimum':
      return { message: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { message: `must be at most ${String(p.limit)}` };
    case 'exclusiveMinimum':
      return { message: `must be greater than ${String(p.limit)}` };
    case 'exclusiveMaximum':
      return { message: `must be less than ${String(p.limit)}` };
    case 'multipleOf':
      return { message: `must be a multiple of ${String(p.multipleOf)}` };
    case 'minLength':
      return { message: `must be at least ${plural(Number(p.limit), 'character')}` };
    case 'maxLength':
      return { message: `must be at most ${plural(Number(p.limit), 'character')}` };
    case 'minItems':
      return { message: `must have at least ${plural(Number(p.limit), 'item')}` };
    case 'maxItems':
      return { message: `must have at most ${plural(Number(p.limit), 'item')}` };
    case 'uniqueItems':
      return { message: 'must not contain the same item twice' };
    case 'pattern':
      return { message: 'is not in the expected format' };
    case 'format':
      return { message: `must be ${FORMAT_NAMES[String(p.format)] ?? `in ${String(p.format)} format`}` };
    case 'enum':
      return { message: `must be one of: ${(p.allowedValues as unknown[]).map(showValue).join(', ')}` };
    case 'const':
      return { message: `must be ${showValue(p.allowedValue)}` };
    case 'if':
      // The failing `then`/`else` branch reports its own errors.
      return null;
    default:
      return { message: error.message ?? `does not satisfy "${error.keyword}"` };
  }
}
