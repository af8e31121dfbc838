import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { insertUser } from '../testing/fixtures';
import { useTestDatabase } from '../testing/use-test-database';
import { listAudit, recordAudit } from './audit';

const db = useTestDatabase();

describe('audit repository', () => {
  it('pages through matching entries newest first without skipping or repeating any', async () => {
    const actorId = randomUUID();
    const targetId = randomUUID();
    for (let i = 0; i < 12; i++) {
      await recordAudit(db.pool, { actorId, actorKind: 'user', action: 'executions.cancel', targetType: 'execution', targetId, outcome: 'ok' });
    }
    await recordAudit(db.pool, { actorId, actorKind: 'user', action: 'workflows.save', outcome: 'ok' });
    // Entries at the same instant: the id must break the tie.
    await db.pool.query(`update audit_log set at = '2026-01-01T00:00:00Z' where actor_id = $1`, [actorId]);

    const seen: string[] = [];
    let after: { at: string; id: string } | undefined;
    do {
      const page = await listAudit(db.pool, { actorId, targetType: 'execution', targetId, limit: 5, after });
      seen.push(...page.items.map((e) => e.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('filters by action and time range and names the actor by email', async () => {
    const email = `auditor-${randomUUID()}@example.com`;
    const userId = await insertUser(db.pool, email);
    await recordAudit(db.pool, { actorId: userId, actorKind: 'api_token', action: 'auth.sign_in', targetType: 'user', targetId: userId, outcome: 'ok', ip: '127.0.0.1', requestId: 'r-1' });
    const [entry] = (await listAudit(db.pool, { actorId: userId, action: 'auth.sign_in', limit: 10 })).items;
    expect(entry).toMatchObject({ actorEmail: email, actorKind: 'api_token', outcome: 'ok', ip: '127.0.0.1', requestId: 'r-1', details: {} });
    const at = new Date(entry!.at);
    expect((await listAudit(db.pool, { actorId: userId, from: new Date(at.getTime() + 1000), limit: 10 })).items).toEqual([]);
    expect((await listAudit(db.pool, { actorId: userId, to: new Date(at.getTime() - 1000), limit: 10 })).items).toEqual([]);
    expect((await listAudit(db.pool, { actorId: userId, action: 'auth.sign_out', limit: 10 })).items).toEqual([]);
  });

  it('the asynchronous commit stays with the audit insert: the pooled connection commits synchronously afterwards', async () => {
    const one = new pg.Pool({ connectionString: db.pool.options.connectionString, max: 1 });
    try {
      await recordAudit(one, { actorId: null, actorKind: 'system', action: 'auth.sign_in_failed', outcome: 'UNAUTHORIZED', details: { email: 'x@example.com' } });
      expect((await one.query('show synchronous_commit')).rows[0].synchronous_commit).toBe('on');
    } finally {
      await one.end();
    }
  });
});
