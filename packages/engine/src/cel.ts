import { Environment } from '@marcbachmann/cel-js';

/**
 * CEL (never eval) for conditions, rules and calculation inputs. JSON numbers are doubles in
 * cel-js, so mixed double/int arithmetic (`income * 2`) is allowed here as people expect.
 */
function withMixedNumbers(env: Environment): Environment {
  const ops: Record<string, (a: number, b: number) => number> = {
    '+': (a, b) => a + b,
    '-': (a, b) => a - b,
    '*': (a, b) => a * b,
    '/': (a, b) => a / b,
  };
  for (const [op, fn] of Object.entries(ops)) {
    env.registerOperator(`double ${op} int`, (a: number, b: bigint) => fn(a, Number(b)));
    env.registerOperator(`int ${op} double`, (a: bigint, b: number) => fn(Number(a), b));
  }
  return env;
}

const LIMITS = { maxAstNodes: 2000, maxDepth: 50, maxListElements: 1000, maxMapEntries: 1000, maxCallArguments: 32 };

const evalEnv = withMixedNumbers(new Environment({ unlistedVariablesAreDyn: true, limits: LIMITS }));

/** For each variable: the fields it is known to have, or null when any field may exist. */
export type CelVariables = Record<string, readonly string[] | null>;

export type CelCheck = { ok: true } | { ok: false; kind: 'parse' | 'type' | 'unknown_field'; message: string };

/** Parses and type-checks an expression against the variables it may use. */
export function checkCel(expression: string, variables: CelVariables): CelCheck {
  const env = withMixedNumbers(new Environment({ unlistedVariablesAreDyn: false, limits: LIMITS }));
  for (const [name, fields] of Object.entries(variables)) {
    if (fields === null) env.registerVariable(name, 'dyn');
    else env.registerVariable({ name, schema: Object.fromEntries(fields.map((f) => [f, 'dyn'])) });
  }
  let result: { valid: boolean; error?: Error };
  try {
    result = env.check(expression) as { valid: boolean; error?: Error };
  } catch (error) {
    return { ok: false, kind: 'parse', message: celErrorMessage(error) };
  }
  if (result.valid) return { ok: true };
  const code = (result.error as { code?: string } | undefined)?.code;
  const kind =
    result.error?.name === 'ParseError'
      ? 'parse'
      : code === 'unknown_variable' || code === 'no_such_key' || /^(Unknown variable|No such key)/.test(celErrorMessage(result.error))
        ? 'unknown_field'
        : 'type';
  return { ok: false, kind, message: celErrorMessage(result.error) };
}

const compiled = new Map<string, ReturnType<Environment['parse']>>();
const MAX_COMPILED = 5000;

/** Evaluates an expression over the context data. Integers come back as JS numbers. */
export function evaluateCel(expression: string, data: Record<string, unknown>): unknown {
  let fn = compiled.get(expression);
  if (!fn) {
    fn = evalEnv.parse(expression);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(expression, fn);
  }
  return normalize(fn(data));
}

function normalize(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), normalize(v)]));
  return value;
}

/** A CEL error's message without the highlighted copy of the expression that follows its first line. */
export function celErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
