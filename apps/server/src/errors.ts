import {
  ConflictError,
  DefinitionError,
  EngineError,
  InvalidInputError,
  NotFoundError,
  ValidationFailedError,
} from '@stepwise/engine';
import { EncryptionKeyError } from '@stepwise/db';
import { TRPCError } from '@trpc/server';

/** The one place engine errors become API errors. Unknown errors stay INTERNAL_SERVER_ERROR without details. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof NotFoundError) return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  if (error instanceof ConflictError) return new TRPCError({ code: 'CONFLICT', message: error.message, cause: error });
  if (error instanceof InvalidInputError || error instanceof ValidationFailedError || error instanceof DefinitionError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  }
  if (error instanceof EngineError) return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  if (error instanceof EncryptionKeyError) {
    const message = "This execution's protected fields cannot be decrypted with this server's keys; an administrator must configure the key they were written with (README \"Security\")";
    // Not INTERNAL_SERVER_ERROR: that message is hidden, and this one says what to fix.
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message, cause: error });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side; try again', cause: error as Error });
}

/** Runs `fn`, turning engine errors into typed API errors. */
export async function mapErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toTRPCError(error);
  }
}
