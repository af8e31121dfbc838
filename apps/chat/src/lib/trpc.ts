import { QueryClient } from '@tanstack/react-query';
import { httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';
import type { AppRouter } from '@stepwise/server/client';

/** The typed tRPC hooks (`trpc.executions.get.useQuery(...)`); same origin, the session cookie rides along. */
export const trpc = createTRPCReact<AppRouter>();

export function createTrpcClient(baseUrl = '') {
  return trpc.createClient({ links: [httpBatchLink({ url: `${baseUrl}/trpc`, maxURLLength: 4000 })] });
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        // Missing, forbidden and invalid requests will not get better by asking again.
        retry: (count, error) => count < 2 && !(error instanceof TRPCClientError && [400, 401, 403, 404].includes(error.data?.httpStatus)),
      },
    },
  });
}

/** What went wrong, in words a person can act on (the server's messages already are). */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (error.data?.code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side; try again.';
    return error.message;
  }
  if (error instanceof TypeError && /fetch/i.test(error.message)) return 'Cannot reach Stepwise. Check your connection and try again.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong; try again.';
}

/** Whether a server call failed with one of these tRPC codes (`NOT_FOUND`, `CONFLICT`, …). */
export function hasErrorCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof TRPCClientError && codes.includes(error.data?.code);
}

/** Per-field messages of a rejected input (`{ "data.amount": ["must be >= 0"] }`), when the server sent them. */
export function fieldErrors(error: unknown): Record<string, string[]> {
  if (error instanceof TRPCClientError) return (error.data?.fieldErrors as Record<string, string[]> | null) ?? {};
  return {};
}
