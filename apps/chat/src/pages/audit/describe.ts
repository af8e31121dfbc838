import { humanize } from '../../lib/format';
import type { AuditEntry } from './useAudit';

const ACTION_LABELS: Record<string, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.sign_up': 'Signed up',
  'auth.sign_out': 'Signed out',
  'auth.change_password': 'Changed password',
};

const CHAT_TOOL = 'chat.tool.';

/** "executions.cancel" -> "Executions: cancel"; chat tools and account actions in plain words. */
export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  if (action.startsWith(CHAT_TOOL)) return `Chat: ${humanize(action.slice(CHAT_TOOL.length)).toLowerCase()}`;
  const [area, name] = action.split('.', 2);
  return name ? `${humanize(area!)}: ${humanize(name).toLowerCase()}` : humanize(action);
}

/** Who acted: the account's email, or what a failed sign-in tried. */
export function actorLabel(entry: AuditEntry): string {
  const who = entry.actorEmail ?? entry.actorId ?? (entry.details.email ? `${entry.details.email} (not signed in)` : 'Anonymous');
  return entry.actorKind === 'api_token' ? `${who} · API token` : entry.actorKind === 'system' ? 'System' : who;
}

export const outcomeLabel = (outcome: string) => (outcome === 'ok' ? 'OK' : humanize(outcome.toLowerCase()));
