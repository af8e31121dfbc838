import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User, type IUser, type UserRole } from '../entities/user.entity';

/** Thrown by createUser when another account already uses the email. */
export class EmailTakenError extends Error {
  readonly code = 'email_taken';
  constructor(readonly email: string) {
    super(`An account with ${email} already exists`);
    this.name = 'EmailTakenError';
  }
}

export interface CreateUserInput {
  email: string;
  passwordHash: string;
  /** 'admin-if-first': admin when no user exists yet, else user (decided under a lock). */
  role?: UserRole | 'admin-if-first';
  /** Create the user only when there are no users at all (first run); else return null. */
  onlyIfNoUsers?: boolean;
}

// Namespace for pg_advisory_xact_lock(int, int): serialises user creation so "is this the first
// user?" has one answer even when two sign-ups (or two starting processes) race.
const USERS_LOCK_NAMESPACE = 4202;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Creates a user (email stored lower-cased). Throws EmailTakenError when the email is in use. */
export async function createUser(em: EntityManager, input: CreateUserInput & { onlyIfNoUsers?: false }): Promise<IUser>;
export async function createUser(em: EntityManager, input: CreateUserInput): Promise<IUser | null>;
export async function createUser(em: EntityManager, input: CreateUserInput): Promise<IUser | null> {
  const email = normalizeEmail(input.email);
  try {
    return await em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(?, 0)', [USERS_LOCK_NAMESPACE]);
      const existing = await countUsers(tx);
      if (input.onlyIfNoUsers && existing > 0) return null;
      if (await tx.count(User, { email })) throw new EmailTakenError(email);
      const role: UserRole = input.role === 'admin-if-first' ? (existing === 0 ? 'admin' : 'user') : (input.role ?? 'user');
      const user = tx.create(User, { email, passwordHash: input.passwordHash, role });
      await tx.flush();
      return user;
    });
  } catch (error) {
    // The count above makes this rare: a user inserted without the lock (raw SQL) can still collide.
    if (error instanceof UniqueConstraintViolationException) throw new EmailTakenError(email);
    throw error;
  }
}

export function findUserByEmail(em: EntityManager, email: string): Promise<IUser | null> {
  return em.findOne(User, { email: normalizeEmail(email) });
}

export function findUserById(em: EntityManager, id: string): Promise<IUser | null> {
  return em.findOne(User, { id });
}

export function countUsers(em: EntityManager): Promise<number> {
  return em.count(User, {});
}

/** Changes a user's role; false when there is no such user. */
export async function setRole(em: EntityManager, userId: string, role: UserRole): Promise<boolean> {
  return (await em.nativeUpdate(User, { id: userId }, { role, updatedAt: new Date() })) > 0;
}

/** Replaces a user's password hash; false when there is no such user. */
export async function setPasswordHash(em: EntityManager, userId: string, passwordHash: string): Promise<boolean> {
  return (await em.nativeUpdate(User, { id: userId }, { passwordHash, updatedAt: new Date() })) > 0;
}
