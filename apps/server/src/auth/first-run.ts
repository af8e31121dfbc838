import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countUsers, createUser } from '@stepwise/db';
import type { Services } from '../services';
import { generatePassword, hashPassword } from './passwords';

export const FIRST_RUN_EMAIL = 'admin@localhost';

/**
 * On a server without users, creates an admin with a generated password and returns how to sign
 * in (the only time that password is ever shown). Null when users exist. Safe when several
 * processes start at once: only one creates the account and gets the text.
 */
export async function firstRunNotice(services: Services): Promise<string | null> {
  const em = services.orm.em.fork();
  if ((await countUsers(em)) > 0) return null;
  const secret = generatePassword();
  const created = await createUser(em, {
    email: FIRST_RUN_EMAIL,
    passwordHash: await hashPassword(secret),
    role: 'admin',
    onlyIfNoUsers: true,
  });
  if (!created) return null;
  const port = services.config.PORT;
  const where = port ? `at http://localhost:${port} ` : '';
  return `First run: sign in ${where}with ${FIRST_RUN_EMAIL} / ${secret} (shown once; change it after signing in)`;
}

/** Writes the first-run notice to `file` (readable by this user only) and returns its path; null when users exist. */
export async function writeFirstRunNotice(services: Services, file: string): Promise<string | null> {
  const notice = await firstRunNotice(services);
  if (!notice) return null;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${notice}\n`, { mode: 0o600 });
  return path.resolve(file);
}
