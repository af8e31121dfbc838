import type { AuditDetails } from '@stepwise/db';
import type { Context } from '../context';
import { actorOf, ipOf, writeAudit } from './record';
import { emailOf, stepOf, targetOf } from './targets';

/** What a bare `id` in each router's input names. */
const ID_MEANS: Record<string, string> = {
  executions: 'execution',
  ai: 'execution',
  workflows: 'workflow',
  templates: 'template',
  auth: 'api_token',
};

/** Account actions get stable names of their own; every other mutation is audited under its path. */
const ACCOUNT_ACTIONS: Record<string, string> = {
  'auth.signIn': 'auth.sign_in',
  'auth.signUp': 'auth.sign_up',
  'auth.signOut': 'auth.sign_out',
  'auth.changePassword': 'auth.change_password',
};

export type MutationOutcome = { ok: true; data: unknown } | { ok: false; code: string };

/** Records one finished mutation. Only ids and labels are kept: never the input's values. */
export async function auditMutation(ctx: Context, path: string, input: unknown, outcome: MutationOutcome): Promise<void> {
  const signingIn = path === 'auth.signIn' || path === 'auth.signUp';
  const action = path === 'auth.signIn' && !outcome.ok ? 'auth.sign_in_failed' : (ACCOUNT_ACTIONS[path] ?? path);
  // Signing in or up acts for the account it returns; when it fails nobody is known.
  const returned = outcome.ok ? (outcome.data as { id?: unknown } | null | undefined)?.id : undefined;
  const actor = signingIn ? { actorId: typeof returned === 'string' ? returned : null, actorKind: 'user' as const } : actorOf(ctx.user);
  const target = ACCOUNT_ACTIONS[path]
    ? actor.actorId && { targetType: 'user', targetId: actor.actorId }
    : targetOf(input, outcome.ok ? outcome.data : undefined, ID_MEANS[path.split('.')[0]!] ?? null);
  const details: AuditDetails = {};
  const email = signingIn && !actor.actorId ? emailOf(input) : undefined;
  if (email) details.email = email;
  const stepId = stepOf(input);
  if (stepId) details.stepId = stepId;
  await writeAudit(ctx.services, {
    ...actor,
    action,
    ...(target || {}),
    outcome: outcome.ok ? 'ok' : outcome.code,
    ip: ipOf(ctx.req),
    details,
  });
}
