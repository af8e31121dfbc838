import { z } from 'zod';

/** Step ids are CEL identifiers so conditions can name them (`profile.income > 0`). */
export const STEP_ID_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
/** Names that CEL expressions use for something other than a step's output. */
export const RESERVED_STEP_IDS = ['input', 'metadata', 'true', 'false', 'null', 'in', 'as', 'let'] as const;
export const MAX_STEPS = 200;
/** A step's config as JSON text: room for a large form or rule set, not for a data dump. */
export const MAX_STEP_CONFIG_CHARS = 100_000;
/** A whole definition as JSON text (the API refuses bodies past ~1 MB anyway). */
export const MAX_DEFINITION_CHARS = 1_000_000;

export const TOO_MANY_STEPS = `a workflow has at most ${MAX_STEPS} steps; split it into smaller workflows`;

const stepId = z
  .string()
  .regex(STEP_ID_PATTERN, 'must start with a lowercase letter and contain only a-z, 0-9 and _ (max 63)');

export const fieldRuleSchema = z.strictObject({
  /** Dotted path to the value: a form field (`income`) or, in a validation step, `step_id.field`. */
  field: z.string().min(1).max(200),
  required: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  min_length: z.int().min(0).optional(),
  max_length: z.int().min(0).optional(),
  pattern: z.string().max(500).optional(),
  message: z.string().max(500).optional(),
});

export const celRuleSchema = z.strictObject({
  /** A CEL expression that must be true for the data to be valid. */
  cel: z.string().min(1).max(2000),
  /** The field the message is shown on; omit for a whole-form message (key `_`). */
  field: z.string().max(200).optional(),
  message: z.string().min(1).max(500),
});

export const validationRulesSchema = z.strictObject({
  fields: z.array(fieldRuleSchema).max(200).default([]),
  rules: z.array(celRuleSchema).max(100).default([]),
});
export type ValidationRules = z.output<typeof validationRulesSchema>;
export type FieldRule = z.output<typeof fieldRuleSchema>;
export type CelRule = z.output<typeof celRuleSchema>;

export const retryPolicySchema = z.strictObject({
  max_attempts: z.int().min(1).max(10).default(3),
  initial_backoff_ms: z.int().min(0).max(60_000).default(200),
  max_backoff_ms: z.int().min(0).max(600_000).default(5_000),
});
export type RetryPolicy = z.output<typeof retryPolicySchema>;

export const workflowStepSchema = z.strictObject({
  id: stepId,
  name: z.string().min(1).max(200),
  type: z.string().min(1).max(50),
  description: z.string().max(4000).default(''),
  config: z
    .record(z.string(), z.unknown())
    .refine((config) => JSON.stringify(config).length <= MAX_STEP_CONFIG_CHARS, `the config is larger than ${MAX_STEP_CONFIG_CHARS} characters of JSON; shorten it or split the step`)
    .default({}),
  dependencies: z.array(z.string().max(63)).max(MAX_STEPS).default([]),
  ai_generated: z.boolean().default(false),
  ai_prompt: z.string().max(20_000).nullable().default(null),
  validation_rules: validationRulesSchema.nullable().default(null),
  /** Retries for automatic steps, with exponential backoff between attempts. */
  retry: retryPolicySchema.optional(),
  /** Per-attempt time limit. */
  timeout_ms: z.int().min(1).max(3_600_000).optional(),
});
export type WorkflowStep = z.output<typeof workflowStepSchema>;

const isoDate = z.iso.datetime({ offset: true });

export const workflowDefinitionSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(255),
  description: z.string().max(10_000).default(''),
  version: z.string().min(1).max(20).default('1'),
  category: z.string().min(1).max(100),
  steps: z.array(workflowStepSchema).min(1, 'a workflow needs at least one step').max(MAX_STEPS, TOO_MANY_STEPS),
  entry_points: z.array(z.string().max(63)).min(1, 'name at least one entry point').max(MAX_STEPS),
  exit_points: z.array(z.string().max(63)).min(1, 'name at least one exit point').max(MAX_STEPS),
  ai_configurable: z.boolean().default(true),
  created_by: z.string().max(50).default('system'),
  created_at: isoDate.default(() => new Date().toISOString()),
  updated_at: isoDate.default(() => new Date().toISOString()),
});

/** A definition after parsing (defaults filled in). */
export type WorkflowDefinition = z.output<typeof workflowDefinitionSchema>;
/** A definition as written by a person or a model (defaults optional). */
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;
