import { z } from 'zod';
import { FORMULAS, formulaNames, formulaParams } from '../../formulas';
import type { StepRegistry } from '../../registry';

export interface FormulaDescription {
  name: string;
  description: string;
  /** Params config.inputs must map to a CEL expression. */
  required_params: string[];
  optional_params: string[];
  /** Fields of the step's output, readable later as `step_id.field`. */
  outputs: string[];
}

export interface StepTypeDescription {
  type: string;
  description: string;
  /** JSON Schema of the step's `config`; `{}` when the zod schema cannot be expressed. */
  config_schema: Record<string, unknown>;
  /** Only for step types whose config names a formula (calculation). */
  formulas?: FormulaDescription[];
}

/** What the generator tells the model it can build with: every registered step type and its config. */
export function describeStepLibrary(registry: StepRegistry): StepTypeDescription[] {
  return registry.all().map((executor) => {
    const entry: StepTypeDescription = {
      type: executor.type,
      description: executor.description,
      config_schema: configJsonSchema(executor.configSchema),
    };
    if (executor.type === 'calculation') entry.formulas = describeFormulas();
    return entry;
  });
}

export function describeFormulas(): FormulaDescription[] {
  return formulaNames().map((name) => {
    const formula = FORMULAS[name]!;
    const { required, optional } = formulaParams(formula);
    return { name, description: formula.description, required_params: required, optional_params: optional, outputs: [...formula.outputs] };
  });
}

function configJsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    // 'input': fields with defaults are optional for whoever writes the config.
    const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
    delete json.$schema;
    return json;
  } catch {
    // A custom step type with a schema JSON Schema cannot express (transforms, refinements of some kinds).
    return {};
  }
}
