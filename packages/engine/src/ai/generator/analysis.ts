import { jsonSchema, type JSONSchema7, type Schema } from 'ai';
import { z } from 'zod';
import { formatPath } from '../../validate-definition';

/**
 * The model's reading of a goal before any step is written. Optional parts default so a terse
 * answer still parses; the JSON Schema sent to providers lists every field (strict-mode friendly).
 */
export const analysisSchema = z.object({
  /** The goal in one sentence. */
  intent: z.string().min(1).max(1000),
  category: z.string().min(1).max(100),
  /** A template key from the list given, when one fits; otherwise null. */
  template_key: z.string().max(100).nullable().default(null),
  data_to_collect: z
    .array(
      z.object({
        name: z.string().min(1).max(100),
        label: z.string().min(1).max(200),
        type: z.enum(['number', 'string', 'boolean', 'integer']),
        description: z.string().max(1000).nullable().default(null),
      }),
    )
    .max(100)
    .default([]),
  calculations: z.array(z.object({ formula: z.string().min(1).max(100), why: z.string().max(1000) })).max(50).default([]),
  decisions: z
    .array(z.object({ condition_in_words: z.string().min(1).max(1000), cel: z.string().max(2000).nullable().default(null) }))
    .max(50)
    .default([]),
  ai_analyses: z.array(z.object({ purpose: z.string().min(1).max(1000) })).max(50).default([]),
  validations: z.array(z.object({ rule_in_words: z.string().min(1).max(1000) })).max(100).default([]),
});
export type RequirementsAnalysis = z.output<typeof analysisSchema>;

let outputSchema: Schema<RequirementsAnalysis> | undefined;

/** The analysis schema for `Output.object`: JSON Schema for the provider, zod for the check (built once). */
export function analysisOutputSchema(): Schema<RequirementsAnalysis> {
  outputSchema ??= buildOutputSchema();
  return outputSchema;
}

function buildOutputSchema(): Schema<RequirementsAnalysis> {
  const json = stripKeys(z.toJSONSchema(analysisSchema, { io: 'output' }), new Set(['$schema', 'default'])) as JSONSchema7;
  return jsonSchema<RequirementsAnalysis>(json, {
    validate: (value) => {
      const parsed = analysisSchema.safeParse(value);
      if (parsed.success) return { success: true, value: parsed.data };
      const problems = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
      return { success: false, error: new Error(problems.join('; ')) };
    },
  });
}

// Strict structured-output modes reject `default`; zod applies defaults itself on the way in.
function stripKeys(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => stripKeys(v, keys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.has(k)).map(([k, v]) => [k, stripKeys(v, keys)]));
}
