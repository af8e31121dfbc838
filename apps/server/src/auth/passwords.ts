import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** Password hashing (argon2id, the library's OWASP-level defaults: 19 MiB, 2 passes) and the password policy. */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password); // @node-rs/argon2 defaults to argon2id
}

/** False for a wrong password or an unreadable hash (never throws on bad input). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified when the email is unknown, so a wrong email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))), password);
  return false;
}

const CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** What is wrong with a new password, in words a person can act on; [] when it is acceptable. */
function passwordProblems(password: string): string[] {
  const chars = [...password];
  const problems: string[] = [];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters`);
  if (CLASSES.filter((c) => c.test(password)).length < 2) {
    problems.push('Mix at least two kinds of characters: lower-case letters, upper-case letters, digits, symbols');
  }
  if (new Set(chars).size < 5) problems.push('Use at least 5 different characters');
  return problems;
}

/** The account's email, or the name before its @ (when longer than 3 characters), as the password or inside it. */
export function emailInPasswordProblem(password: string, email: string): string | null {
  const text = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const name = address.split('@')[0] ?? '';
  if (text.includes(address) || (name.length > 3 && text.includes(name))) return 'Do not use your email address (or the part before the @) in the password';
  return null;
}

/** zod schema for a new password: each policy problem becomes a field error. */
export const newPasswordSchema = z
  .string()
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`)
  .superRefine((password, ctx) => {
    for (const message of passwordProblems(password)) {
      if (!message.startsWith('Use at most')) ctx.addIssue({ code: 'custom', message });
    }
  });

/** A strong random password that meets the policy (for generated accounts). */
export function generatePassword(): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url'); // 24 characters, 144 bits
    if (passwordProblems(candidate).length === 0) return candidate;
  }
}
