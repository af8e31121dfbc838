// Test helpers: a real trpc.Provider whose link answers from in-memory handlers (no fetch).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import type { AppRouter } from '@stepwise/server/client';
import { trpc } from '../lib/trpc';
import type { ExecutionView, StepView } from '../lib/types';

/** Procedure path ("executions.get") -> what it answers (or throws) for an input. */
export type Handlers = Record<string, (input: unknown) => unknown>;

function fakeLink(handlers: Handlers, calls: Array<{ path: string; input: unknown }>): TRPCLink<AppRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ path: op.path, input: op.input });
        Promise.resolve()
          .then(() => {
            const handler = handlers[op.path];
            if (!handler) throw trpcError('NOT_IMPLEMENTED', `no handler for ${op.path}`);
            return handler(op.input);
          })
          .then((data) => {
            observer.next({ result: { type: 'data', data } });
            observer.complete();
          })
          .catch((error: unknown) => observer.error(error instanceof TRPCClientError ? error : TRPCClientError.from(error as Error)));
        return () => undefined;
      });
}

/** A server error as the client sees it: `error.data.code` is the tRPC code. */
export function trpcError(code: string, message: string) {
  return TRPCClientError.from({ error: { message, code: -32000, data: { code, httpStatus: code === 'NOT_FOUND' ? 404 : 409 } } });
}

export function renderWithTrpc(ui: ReactNode, handlers: Handlers) {
  const calls: Array<{ path: string; input: unknown }> = [];
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const client = trpc.createClient({ links: [fakeLink(handlers, calls)] });
  const result = render(
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter>{ui}</MemoryRouter>
      </QueryClientProvider>
    </trpc.Provider>,
  );
  return { ...result, calls, count: (path: string) => calls.filter((c) => c.path === path).length };
}

export function makeStep(stepId: string, overrides: Partial<StepView> = {}): StepView {
  return {
    stepId,
    name: `Step ${stepId}`,
    description: '',
    type: 'data_collection',
    dependencies: [],
    status: 'pending',
    attempt: 1,
    waitingFor: null,
    output: null,
    error: null,
    feedback: null,
    startedAt: null,
    completedAt: null,
    durationMs: null,
    ...overrides,
  } as StepView;
}

export function makeRun(overrides: Partial<ExecutionView> = {}): ExecutionView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    workflowVersionId: '00000000-0000-4000-8000-0000000000aa',
    workflowName: 'Monthly budget',
    status: 'waiting_for_input',
    version: 3,
    input: {},
    data: {},
    results: {},
    error: null,
    startedAt: '2025-01-01T00:00:00.000Z',
    completedAt: null,
    updatedAt: '2025-01-01T00:00:00.000Z',
    steps: [
      makeStep('income', { name: 'Your income', status: 'completed', startedAt: '2025-01-01T00:00:00.000Z' }),
      makeStep('review', { name: 'Review the plan', type: 'ai_generated', status: 'waiting', waitingFor: 'input', startedAt: '2025-01-01T00:00:01.000Z' }),
      makeStep('summary', { name: 'Summary', type: 'calculation', dependencies: ['review'] }),
    ],
    ...overrides,
  } as ExecutionView;
}
