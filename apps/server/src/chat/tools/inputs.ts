import { z } from 'zod';
import { jsonStorageProblem } from '../../json-safety';

/** Values from the model for forms and run input: a plain JSON object PostgreSQL can store, at most 64 KB. */
export const jsonObjectInput = z
  .record(z.string().max(200), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 64_000, { error: 'is too large (at most 64 KB of JSON)' })
  .superRefine((v, ctx) => {
    const problem = jsonStorageProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const executionId = z.uuid().describe('The execution id start_workflow returned');
export const stepId = z.string().min(1).max(63).describe('The step id, as listed in the execution\'s steps');
