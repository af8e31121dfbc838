import { describe, expect, it } from 'vitest';
import { ajvErrorsToFieldErrors, compileJsonSchema } from './json-schema';

const person = {
  type: 'object',
  required: ['name', 'age'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 2 },
    age: { type: 'integer', minimum: 0, maximum: 130 },
    email: { type: 'string', format: 'email' },
    kind: { enum: ['single', 'couple'] },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
    address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
  },
};

function errorsFor(schema: object, data: unknown) {
  const compiled = compileJsonSchema(schema);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.validate(data);
}

describe('compileJsonSchema', () => {
  it('returns no errors for data that matches', () => {
    expect(errorsFor(person, { name: 'Ann', age: 40, tags: ['a'], address: { city: 'Oslo' } })).toEqual({});
  });

  it('reuses the compiled validator for the same schema text', () => {
    expect(compileJsonSchema({ type: 'object', properties: { a: { type: 'number' } } })).toBe(
      compileJsonSchema({ type: 'object', properties: { a: { type: 'number' } } }),
    );
  });

  it('reports an invalid type name as an error message instead of throwing', () => {
    const compiled = compileJsonSchema({ type: 'object', properties: { a: { type: 'nope' } } });
    expect(compiled.ok).toBe(false);
    expect(!compiled.ok && compiled.message).toMatch(/schema is invalid/);
  });

  it('rejects unknown keywords and unknown formats', () => {
    expect(compileJsonSchema({ type: 'object', minLenght: 2 })).toMatchObject({ ok: false, message: expect.stringMatching(/unknown keyword/) });
    expect(compileJsonSchema({ type: 'string', format: 'bogus' })).toMatchObject({ ok: false, message: expect.stringMatching(/unknown format/) });
  });

  it('rejects a schema that is not an object', () => {
    expect(compileJsonSchema([1])).toEqual({ ok: false, message: 'a JSON Schema must be an object' });
  });

  it('accepts schemas that declare another $schema or an $id, reading them as 2020-12', () => {
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', $id: 'https://x.test/a', type: 'object', properties: { n: { type: 'number' } } };
    expect(errorsFor(schema, { n: 'x' })).toEqual({ n: ['must be a number'] });
    expect(errorsFor({ ...schema, title: 'again' }, { n: 1 })).toEqual({});
  });
});

describe('JSON Schema error messages', () => {
  it('keys required errors by the missing property', () => {
    expect(errorsFor(person, {})).toEqual({ name: ['is required'], age: ['is required'] });
  });

  it('describes bounds, lengths, types, enums and formats in plain English per field', () => {
    const errors = errorsFor(person, { name: 'A', age: -1, email: 'nope', kind: 'other', tags: [] });
    expect(errors).toEqual({
      name: ['must be at least 2 characters'],
      age: ['must be at least 0'],
      email: ['must be a valid email address'],
      kind: ['must be one of: single, couple'],
      tags: ['must have at least 1 item'],
    });
    expect(errorsFor(person, { name: 'Ann', age: 1.5 })).toEqual({ age: ['must be a whole number'] });
    expect(errorsFor(person, { name: 'Ann', age: 200 })).toEqual({ age: ['must be at most 130'] });
    expect(errorsFor(person, { name: 'Ann', age: '3' })).toEqual({ age: ['must be a whole number'] });
  });

  it('dots nested paths and array indexes, and keys unexpected fields by name', () => {
    expect(errorsFor(person, { name: 'Ann', age: 3, tags: ['ok', 5], address: {}, extra: 1 })).toEqual({
      'tags.1': ['must be text'],
      'address.city': ['is required'],
      extra: ['is not an expected field'],
    });
  });

  it('uses _ for errors about the whole value', () => {
    expect(errorsFor(person, 'hello')).toEqual({ _: ['must be an object'] });
  });

  it('lists every allowed type of a multi-type field', () => {
    expect(errorsFor({ type: 'object', properties: { n: { type: ['number', 'null'] } } }, { n: 'x' })).toEqual({ n: ['must be a number or empty'] });
  });

  it('reports the failing then-branch of if/then on its field, not the if itself', () => {
    const order = { type: 'object', properties: { kind: { type: 'string' }, price: { type: 'number' } }, if: { properties: { kind: { const: 'limit' } } }, then: { required: ['price'] } };
    expect(errorsFor(order, { kind: 'limit' })).toEqual({ price: ['is required'] });
    expect(errorsFor(order, { kind: 'market' })).toEqual({});
  });

  it('unescapes JSON pointer segments and drops duplicate messages', () => {
    const error = { instancePath: '/a~1b/c~0d', schemaPath: '#', keyword: 'minimum', params: { limit: 1 }, message: 'x' };
    expect(ajvErrorsToFieldErrors([error, error])).toEqual({ 'a/b.c~d': ['must be at least 1'] });
  });
});
