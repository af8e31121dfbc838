import { pino } from 'pino';

/** Structured logs. Never log passwords, tokens or people's financial answers: pass ids, not payloads. */
export function createLogger(level: string) {
  return pino({
    level,
    redact: { paths: ['*.password', '*.token', '*.authorization', '*.context', '*.submission', '*.input', '*.output'], censor: '[redacted]' },
  });
}
export type Logger = ReturnType<typeof createLogger>;
