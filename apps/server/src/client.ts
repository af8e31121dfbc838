import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from './routers/_app';

export type { AppRouter, RouterInputs, RouterOutputs } from './routers/_app';

/** A typed client for internal tools: `createStepwiseClient('http://localhost:3000', apiToken)` (a token from auth.createApiToken). */
export function createStepwiseClient(baseUrl: string, apiToken: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl.replace(/\/$/, '')}/trpc`, headers: { authorization: `Bearer ${apiToken}` } })],
  });
}
