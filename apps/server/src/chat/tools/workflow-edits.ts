import type { WorkflowDefinition, WorkflowStep } from '@stepwise/engine';
import { z } from 'zod';

/** Edits the chat can make to a definition; the engine validates the result before it is saved. */
const id = z.string().min(1).max(63);
const newStep = z.object({
  id,
  name: z.string().min(1).max(200),
  type: z.string().min(1).max(50).describe('A registered step type, e.g. data_collection, calculation, decision, ai_generated'),
  description: z.string().max(4000).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  dependencies: z.array(id).max(50).optional(),
  ai_generated: z.boolean().optional(),
  ai_prompt: z.string().max(20_000).optional(),
});

export const workflowEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('remove_step'), stepId: id }),
  z.object({ op: z.literal('move_step'), stepId: id, after: id.nullable().describe('The step it should follow; null to make it first') }),
  z.object({ op: z.literal('add_step'), step: newStep, after: id.nullable().optional().describe('The step it follows; omitted: at the end') }),
  z.object({
    op: z.literal('update_step'),
    stepId: id,
    name: z.string().min(1).max(200).optional(),
    description: z.string().max(4000).optional(),
    config: z.record(z.string(), z.unknown()).optional().describe('Keys to change in the step\'s config (a field list, a condition, a formula)'),
    ai_prompt: z.string().max(20_000).optional(),
  }),
  z.object({ op: z.literal('set_dependencies'), stepId: id, dependencies: z.array(id).max(50) }),
  z.object({ op: z.literal('rename_workflow'), name: z.string().min(1).max(255) }),
]);
export type WorkflowEdit = z.infer<typeof workflowEditSchema>;

export class EditError extends Error {}

/** One step after another, each depending only on the previous one. */
function isChain(steps: readonly WorkflowStep[]): boolean {
  return steps.every((s, i) => (i === 0 ? s.dependencies.length === 0 : s.dependencies.length === 1 && s.dependencies[0] === steps[i - 1]!.id));
}

const rechain = (steps: WorkflowStep[]): WorkflowStep[] => steps.map((s, i) => ({ ...s, dependencies: i === 0 ? [] : [steps[i - 1]!.id] }));

function indexOf(steps: readonly WorkflowStep[], stepId: string): number {
  const at = steps.findIndex((s) => s.id === stepId);
  if (at < 0) throw new EditError(`There is no step ${stepId}; the steps are ${steps.map((s) => s.id).join(', ')}`);
  return at;
}

/** Where `after` puts a step: 0 for null (first), the end for undefined. */
const insertionPoint = (steps: readonly WorkflowStep[], after: string | null | undefined) =>
  after === undefined ? steps.length : after === null ? 0 : indexOf(steps, after) + 1;

function applyOne(steps: WorkflowStep[], edit: WorkflowEdit, chain: boolean): WorkflowStep[] {
  switch (edit.op) {
    case 'remove_step': {
      const gone = steps[indexOf(steps, edit.stepId)]!;
      // Steps that waited for the removed one now wait for what it waited for.
      return steps
        .filter((s) => s.id !== gone.id)
        .map((s) => (s.dependencies.includes(gone.id) ? { ...s, dependencies: [...new Set(s.dependencies.flatMap((d) => (d === gone.id ? gone.dependencies : [d])))] } : s));
    }
    case 'move_step': {
      if (!chain) throw new EditError('Moving steps works on step-by-step workflows; use set_dependencies to say which steps this one waits for');
      const moving = steps[indexOf(steps, edit.stepId)]!;
      const rest = steps.filter((s) => s.id !== moving.id);
      const at = insertionPoint(rest, edit.after);
      return [...rest.slice(0, at), moving, ...rest.slice(at)];
    }
    case 'add_step': {
      if (steps.some((s) => s.id === edit.step.id)) throw new EditError(`A step ${edit.step.id} already exists; choose another id`);
      const at = insertionPoint(steps, edit.after);
      const dependencies = edit.step.dependencies ?? (at > 0 ? [steps[at - 1]!.id] : []);
      const step = { description: '', config: {}, ai_generated: edit.step.type === 'ai_generated', ai_prompt: null, validation_rules: null, ...edit.step, dependencies };
      return [...steps.slice(0, at), step as WorkflowStep, ...steps.slice(at)];
    }
    case 'update_step': {
      const at = indexOf(steps, edit.stepId);
      const { op: _op, stepId: _id, config, ...fields } = edit;
      const current = steps[at]!;
      const updated = { ...current, ...fields, config: config ? { ...current.config, ...config } : current.config };
      return steps.map((s, i) => (i === at ? updated : s));
    }
    case 'set_dependencies': {
      const at = indexOf(steps, edit.stepId);
      return steps.map((s, i) => (i === at ? { ...s, dependencies: edit.dependencies } : s));
    }
    case 'rename_workflow':
      return steps;
    default: {
      const never: never = edit;
      throw new Error(`unknown edit ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Applies the edits in order and returns the new definition (not yet validated). A step-by-step
 * workflow stays step-by-step (dependencies follow the new order); entry and exit points follow the graph.
 */
export function applyWorkflowEdits(definition: WorkflowDefinition, edits: readonly WorkflowEdit[]): WorkflowDefinition {
  const chain = isChain(definition.steps);
  let steps = definition.steps;
  let name = definition.name;
  for (const edit of edits) {
    steps = applyOne(steps, edit, chain);
    if (edit.op === 'rename_workflow') name = edit.name;
    if (chain && ['remove_step', 'move_step'].includes(edit.op)) steps = rechain(steps);
    if (chain && edit.op === 'add_step' && !edit.step.dependencies) steps = rechain(steps);
  }
  if (steps.length === 0) throw new EditError('A workflow needs at least one step');
  const dependedOn = new Set(steps.flatMap((s) => s.dependencies));
  return {
    ...definition,
    name,
    steps,
    entry_points: steps.filter((s) => s.dependencies.length === 0).map((s) => s.id),
    exit_points: steps.filter((s) => !dependedOn.has(s.id)).map((s) => s.id),
  };
}
