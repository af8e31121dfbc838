import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/use-test-database';
import { countUsers, createUser, EmailTakenError, findUserByEmail, setPasswordHash, setRole } from './users';

const db = useTestDatabase();
const { em } = db;

const roleOf = async (id: string) => (await db.pool.query('select role from users where id = $1', [id])).rows[0]?.role;

describe('users repository', () => {
  // Runs first: the database starts without users.
  it('makes exactly one admin when the first sign-ups race', async () => {
    expect(await countUsers(em())).toBe(0);
    const users = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createUser(em(), { email: `racer${i}@example.com`, passwordHash: 'h', role: 'admin-if-first' })),
    );
    const roles = await Promise.all(users.map((u) => roleOf(u.id)));
    expect(roles.filter((r) => r === 'admin')).toHaveLength(1);
    expect(roles.filter((r) => r === 'user')).toHaveLength(5);
    expect(await countUsers(em())).toBe(6);
  });

  it('onlyIfNoUsers creates nothing once users exist', async () => {
    expect(await createUser(em(), { email: 'admin@localhost', passwordHash: 'h', role: 'admin', onlyIfNoUsers: true })).toBeNull();
    expect(await findUserByEmail(em(), 'admin@localhost')).toBeNull();
  });

  it('stores the email lower-cased and finds it whatever its case', async () => {
    const user = await createUser(em(), { email: '  Mixed.Case@Example.COM ', passwordHash: 'hash-1' });
    expect(user).toMatchObject({ email: 'mixed.case@example.com', role: 'user' });
    const found = await findUserByEmail(em(), 'MIXED.case@example.com');
    expect(found).toMatchObject({ id: user.id, passwordHash: 'hash-1' });
    expect(await findUserByEmail(em(), 'nobody@example.com')).toBeNull();
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const email = `dup-${randomUUID()}@example.com`;
    await createUser(em(), { email, passwordHash: 'h' });
    await expect(createUser(em(), { email: email.toUpperCase(), passwordHash: 'h' })).rejects.toBeInstanceOf(EmailTakenError);
    expect((await db.pool.query('select count(*)::int as n from users where email = $1', [email])).rows[0].n).toBe(1);
  });

  it('setRole changes the stored role; false for an unknown user', async () => {
    const user = await createUser(em(), { email: `role-${randomUUID()}@example.com`, passwordHash: 'h' });
    expect(await setRole(em(), user.id, 'admin')).toBe(true);
    expect(await roleOf(user.id)).toBe('admin');
    expect(await setRole(em(), randomUUID(), 'admin')).toBe(false);
  });

  it('setPasswordHash replaces the stored hash', async () => {
    const user = await createUser(em(), { email: `pw-${randomUUID()}@example.com`, passwordHash: 'old' });
    expect(await setPasswordHash(em(), user.id, 'new')).toBe(true);
    expect((await findUserByEmail(em(), user.email))?.passwordHash).toBe('new');
  });
});
