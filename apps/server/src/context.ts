import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type AuthUser } from './auth/authenticate';
import { databaseUnavailable, isDatabaseUnavailable } from './database-errors';
import type { Services } from './services';

export interface Context {
  services: Services;
  user: AuthUser | null;
  /** Set-Cookie headers to send (sign-in, sign-out). */
  setCookie(value: string): void;
  req: IncomingMessage | null;
}

/** The context without HTTP: tests call routers directly with a user of their choosing. */
export function createContextInner(services: Services, user: AuthUser | null, res?: ServerResponse): Context {
  return {
    services,
    user,
    req: null,
    setCookie(value) {
      if (!res) return;
      const prev = res.getHeader('set-cookie');
      res.setHeader('set-cookie', [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), value]);
    },
  };
}

export async function createContext(services: Services, req: IncomingMessage, res: ServerResponse): Promise<Context> {
  const user = await authenticate(services, req.headers).catch((error: unknown) => {
    // Reading the session needs the database: while it restarts, say so (503), not "something went wrong".
    if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
    throw error;
  });
  return { ...createContextInner(services, user, res), req };
}
