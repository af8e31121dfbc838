import { jsonStorageProblem } from '../json-safety';

/** Which workflow, execution, template, token or account an audited call acted on. */
export interface AuditTarget {
  targetType: string;
  targetId: string;
}

const fieldsOf = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
// Ids are uuids or keys; anything else (junk, NUL characters) is not worth keeping.
const idIn = (value: unknown): string | undefined => (typeof value === 'string' && /^[\w.:-]{1,100}$/.test(value) ? value : undefined);

/**
 * The target named by a call's input (runId / executionId, id, workflowId), else by its result (the
 * execution started, the workflow created). `idMeans` says what a bare `id` is in this router.
 */
export function targetOf(input: unknown, result: unknown, idMeans: string | null): AuditTarget | null {
  const i = fieldsOf(input);
  const r = fieldsOf(result);
  const execution = idIn(i.runId) ?? idIn(i.executionId);
  if (execution) return { targetType: 'execution', targetId: execution };
  const id = idIn(i.id);
  if (idMeans && id) return { targetType: idMeans, targetId: id };
  const started = idMeans === 'execution' ? idIn(r.id) : undefined;
  if (started) return { targetType: 'execution', targetId: started };
  const workflow = idIn(i.workflowId) ?? idIn(r.workflowId) ?? idIn(fieldsOf(r.workflow).workflowId);
  if (workflow) return { targetType: 'workflow', targetId: workflow };
  const created = idMeans ? idIn(r.id) : undefined;
  return created && idMeans ? { targetType: idMeans, targetId: created } : null;
}

/** The step a call acted on, a plain label worth keeping in the details. */
export const stepOf = (input: unknown): string | undefined => idIn(fieldsOf(input).stepId);

/** The email a sign-in or sign-up tried, normalised as the server does. */
export function emailOf(input: unknown): string | undefined {
  const email = fieldsOf(input).email;
  // Text jsonb cannot hold (NUL, lone surrogates) would lose the whole entry: keep the entry, drop the email.
  if (typeof email !== 'string' || jsonStorageProblem(email)) return undefined;
  return email.trim().toLowerCase().slice(0, 320) || undefined;
}
