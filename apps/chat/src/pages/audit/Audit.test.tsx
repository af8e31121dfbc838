import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navFor } from '../../layout/AppShell';
import { renderWithTrpc } from '../../run/testing';
import { AuditPage } from './AuditPage';
import type { AuditEntry } from './useAudit';

const RUN = '11111111-1111-4111-8111-111111111111';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'e1',
  at: '2026-03-01T10:00:00.000000Z',
  actorId: 'u1',
  actorKind: 'user',
  actorEmail: 'ada@example.com',
  action: 'executions.cancel',
  targetType: 'execution',
  targetId: RUN,
  outcome: 'ok',
  requestId: 'r1',
  ip: '127.0.0.1',
  details: {},
  ...over,
});

const firstPage = [
  entry({}),
  entry({ id: 'e2', action: 'auth.sign_in_failed', actorId: null, actorEmail: null, targetType: null, targetId: null, outcome: 'UNAUTHORIZED', details: { email: 'mallory@example.com' } }),
  entry({ id: 'e3', action: 'chat.tool.start_workflow', actorKind: 'api_token', targetType: 'workflow', targetId: '22222222-2222-4222-8222-222222222222' }),
];

describe('AuditPage', () => {
  it('shows time, who, what, target (executions link to their page) and outcome, then loads the next page', async () => {
    const { calls } = renderWithTrpc(<AuditPage />, {
      'audit.list': (input) =>
        (input as { cursor?: string }).cursor ? { items: [entry({ id: 'e4', action: 'workflows.create' })], nextCursor: null } : { items: firstPage, nextCursor: 'page-2' },
    });
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('ada@example.com');
    expect(rows[0]).toHaveTextContent('Executions: cancel');
    expect(within(rows[0]!).getByRole('link', { name: 'Execution 11111111' })).toHaveAttribute('href', `/executions/${RUN}`);
    expect(rows[0]).toHaveTextContent('OK');
    expect(within(rows[0]!).getByText(/Mar 1/)).toHaveAttribute('datetime', '2026-03-01T10:00:00.000000Z');
    expect(rows[1]).toHaveTextContent('mallory@example.com (not signed in)');
    expect(rows[1]).toHaveTextContent('Sign-in failed');
    expect(rows[1]).toHaveTextContent('Unauthorized');
    expect(rows[2]).toHaveTextContent('ada@example.com · API token');
    expect(rows[2]).toHaveTextContent('Chat: start workflow');
    expect(within(rows[2]!).queryByRole('link')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(5));
    expect(calls.at(-1)?.input).toMatchObject({ cursor: 'page-2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('sends the filters once applied: who, action, target and whole days', async () => {
    const { calls } = renderWithTrpc(<AuditPage />, { 'audit.list': () => ({ items: [], nextCursor: null }) });
    expect(await screen.findByText('No entries')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Who'), { target: { value: ' ada@example.com ' } });
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'auth.sign_in' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(calls.at(-1)?.input).toMatchObject({ actor: 'ada@example.com', action: 'auth.sign_in', from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', targetId: undefined }),
    );
  });

  it('says why when the server refuses', async () => {
    renderWithTrpc(<AuditPage />, {
      'audit.list': () => {
        throw new Error('Only administrators can do this');
      },
    });
    expect(await screen.findByText('The audit log could not be loaded')).toBeInTheDocument();
    expect(screen.getByText(/Only administrators can do this/)).toBeInTheDocument();
  });
});

describe('navigation', () => {
  it('shows the audit log link to administrators only', () => {
    expect(navFor('admin').map((i) => i.label)).toContain('Audit');
    expect(navFor('user').map((i) => i.label)).not.toContain('Audit');
  });
});
