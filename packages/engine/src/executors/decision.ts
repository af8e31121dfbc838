import { z } from 'zod';
import { celErrorMessage, evaluateCel } from '../cel';
import { readPath } from '../context';
import { MAX_STEPS } from '../definition';
import { type DefinitionIssue, StepExecutionError } from '../errors';
import { celVariablesFor } from '../graph';
import { celIssue, referencedPaths } from '../rules';
import type { StepExecutor, StepOutcome } from './types';

const next = z.array(z.string().max(63)).max(MAX_STEPS);

const configSchema = z.strictObject({
  /** Checked in order; the first whose condition is true is taken. */
  branches: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(63),
        label: z.string().max(200).optional(),
        /** CEL over `input` and earlier steps, e.g. `profile.income >= 3000`. */
        condition: z.string().min(1).max(2000),
        /** Steps that run when this branch is taken; they must depend on the decision. */
        next,
      }),
    )
    .min(1)
    .max(50),
  /** Taken when no condition is true. */
  default: z.strictObject({ id: z.string().min(1).max(63).default('default'), label: z.string().max(200).optional(), next }).optional(),
});
export type DecisionConfig = z.output<typeof configSchema>;

export const decisionExecutor: StepExecutor<DecisionConfig> = {
  type: 'decision',
  description: 'Chooses a path: the first branch whose CEL condition is true (or the default) runs its next steps; the other branches are skipped.',
  configSchema,
  long: false,

  validate(step, config, ctx) {
    const issues: DefinitionIssue[] = [];
    const variables = celVariablesFor(ctx.definition, ctx.registry, step.id, ctx.ancestors);
    const seen = new Set<string>();
    const targets: { path: string; branch: string; target: string }[] = [];
    config.branches.forEach((branch, j) => {
      const at = `${ctx.path}.config.branches[${j}]`;
      if (seen.has(branch.id)) issues.push({ code: 'invalid_config', path: `${at}.id`, message: `branch id "${branch.id}" is used twice; give each branch its own id` });
      seen.add(branch.id);
      const issue = celIssue(branch.condition, variables, `${at}.condition`);
      if (issue) issues.push(issue);
      branch.next.forEach((target, k) => targets.push({ path: `${at}.next[${k}]`, branch: branch.id, target }));
    });
    const fallback = config.default;
    if (fallback) {
      const at = `${ctx.path}.config.default`;
      if (seen.has(fallback.id)) issues.push({ code: 'invalid_config', path: `${at}.id`, message: `the default branch id "${fallback.id}" is also a branch id; rename one` });
      fallback.next.forEach((target, k) => targets.push({ path: `${at}.next[${k}]`, branch: fallback.id, target }));
    }
    for (const { path, branch, target } of targets) {
      const index = ctx.definition.steps.findIndex((s) => s.id === target);
      const targetStep = ctx.definition.steps[index];
      if (!targetStep) {
        const known = ctx.definition.steps.map((s) => s.id).join(', ');
        issues.push({ code: 'invalid_branch', path, message: `branch "${branch}" leads to "${target}", which is not a step of this workflow (steps: ${known})`, stepIds: [step.id] });
      } else if (!targetStep.dependencies.includes(step.id)) {
        issues.push({
          code: 'invalid_branch',
          path,
          message: `branch "${branch}" leads to "${target}", but that step does not depend on "${step.id}"; add "${step.id}" to steps[${index}].dependencies so it waits for the decision`,
          stepIds: [step.id, target],
        });
      }
    }
    return issues;
  },

  requiredInputs(_step, config) {
    return [...new Set(config.branches.flatMap((b) => referencedPaths(b.condition)))];
  },

  outputs() {
    return ['branch', 'label', 'condition', 'values'];
  },

  async execute(step, config, ctx) {
    const data = ctx.context.data;
    const roots = new Set(['input', ...ctx.definition.steps.map((s) => s.id)]);
    const values: Record<string, unknown> = {};
    for (const branch of config.branches) {
      for (const path of referencedPaths(branch.condition)) {
        if (roots.has(path.split('.')[0] ?? '')) values[path] = readPath(data, path) ?? null;
      }
      if (conditionHolds(step.id, branch.id, branch.condition, data)) {
        return taken(config, branch.id, branch.label, branch.condition, branch.next, values);
      }
    }
    if (config.default) {
      const d = config.default;
      return taken(config, d.id, d.label, null, d.next, values);
    }
    const conditions = config.branches.map((b) => `${b.id}: ${b.condition}`).join('; ');
    throw new StepExecutionError(
      `Decision "${step.id}" has no true condition (${conditions}) and no default branch; add a default branch or a condition that covers this case`,
      { details: { values } },
    );
  },
};

function conditionHolds(stepId: string, branchId: string, condition: string, data: Record<string, unknown>): boolean {
  let result: unknown;
  try {
    result = evaluateCel(condition, data);
  } catch (error) {
    throw new StepExecutionError(`Decision "${stepId}": the condition of branch "${branchId}" (${condition}) could not be evaluated: ${celErrorMessage(error)}`);
  }
  if (typeof result !== 'boolean') {
    throw new StepExecutionError(
      `Decision "${stepId}": the condition of branch "${branchId}" (${condition}) gave ${JSON.stringify(result)}, not true or false`,
    );
  }
  return result;
}

function taken(
  config: DecisionConfig,
  id: string,
  label: string | undefined,
  condition: string | null,
  nextSteps: readonly string[],
  values: Record<string, unknown>,
): StepOutcome {
  const chosen = new Set(nextSteps);
  const others = [...config.branches.map((b) => b.next), config.default?.next ?? []].flat();
  const skip = [...new Set(others.filter((target) => !chosen.has(target)))];
  return { status: 'completed', output: { branch: id, label: label ?? id, condition, values }, input: values, skip };
}
