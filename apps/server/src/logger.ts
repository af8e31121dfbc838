import { pino, type DestinationStream } from 'pino';
import { currentRequestId } from './observability/request-context';

/**
 * Keys whose values never reach the logs: secrets, what people typed into forms and AI steps (and
 * what was made from it: results, prompts, answers, error details), and the sensitive field names
 * that are encrypted at rest (@stepwise/db DEFAULT_SENSITIVE_FIELDS), in case one is logged bare.
 */
const SECRET_KEYS = [
  'password', 'token', 'authorization', 'cookie', 'context', 'submission', 'input', 'output', 'data', 'values',
  'answers', 'results', 'prompt', 'response', 'responseBody', 'requestBodyValues', 'details',
  'income', 'salary', 'balance', 'balances', 'account_number', 'accountNumber', 'iban', 'card_number', 'cardNumber', 'ssn', 'national_id', 'tax_id',
];
const REDACTED = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  '*.headers.authorization',
  '*.headers.cookie',
];

/**
 * Structured logs. Never log passwords, tokens or people's financial answers: pass ids, not payloads.
 * Lines written while handling a request carry its `requestId`; child loggers add an `executionId`.
 */
export function createLogger(level: string, destination?: DestinationStream) {
  const options = {
    level,
    redact: { paths: REDACTED, censor: '[redacted]' },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type Logger = ReturnType<typeof createLogger>;
