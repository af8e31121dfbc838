import { insertDefinition, insertUser } from '@stepwise/db';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signUp, signUpAdmin } from './auth-helpers';
import { errorCode, startTestApp, type TestApp } from './harness';

interface AlertView {
  kind: string;
  subject: string;
  subjectName: string | null;
  value: number;
  threshold: number;
  clearedAt: string | null;
}

let t: TestApp;
let admin: SignedIn;
let bob: SignedIn;
const sockets: Socket[] = [];
const adminSaw: { event: string; alert: AlertView }[] = [];
const bobSaw: unknown[] = [];

async function connect(cookie: string): Promise<Socket> {
  const s = io(t.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await signUpAdmin(t);
  bob = await signUp(t.url);
  const adminSocket = await connect(admin.cookie);
  expect(await adminSocket.emitWithAck('alerts.join')).toEqual({ ok: true });
  for (const event of ['alert.opened', 'alert.cleared']) adminSocket.on(event, (alert: AlertView) => adminSaw.push({ event, alert }));
  const bobSocket = await connect(bob.cookie);
  expect(await bobSocket.emitWithAck('alerts.join')).toMatchObject({ ok: false, error: 'FORBIDDEN' }); // bob is no admin
  for (const event of ['alert.opened', 'alert.cleared']) bobSocket.on(event, (alert: unknown) => bobSaw.push(alert));
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await t?.stop();
});

/** Waits until the admin socket has seen `count` events. */
async function adminEvents(count: number) {
  const deadline = Date.now() + 5_000;
  while (adminSaw.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return adminSaw.slice(0, count);
}

/** `completed` completed and `failed` failed runs of a new workflow, finished just now. */
async function seedRuns(completed: number, failed: number) {
  const userId = await insertUser(t.db.pool);
  const versionId = await insertDefinition(t.db.pool);
  await t.db.pool.query(
    `insert into workflow_executions (workflow_id, user_id, session_id, status, context, completed_at)
     select $1, $2, 's', case when g <= $3 then 'completed' else 'failed' end, '{}'::jsonb, now()
       from generate_series(1, $3::int + $4::int) g`,
    [versionId, userId, completed, failed],
  );
  const { rows } = await t.db.pool.query<{ workflow_id: string }>('select workflow_id from workflow_definitions where id = $1', [versionId]);
  return { versionId, workflowId: rows[0]!.workflow_id };
}

describe('alerts', () => {
  it("open below a workflow's success rate (0.79 < 0.8) and clear at it (0.80); only admins' sockets hear", async () => {
    const { versionId, workflowId } = await seedRuns(79, 21);
    const first = await t.app.observability.alerts.evaluate();
    expect(first.opened).toMatchObject([{ kind: 'workflow_success_rate', subject: workflowId, subjectName: 'Sample workflow', value: 0.79, threshold: 0.8 }]);
    expect((await t.app.observability.alerts.evaluate()).opened).toEqual([]); // open only once

    await t.db.pool.query(
      `update workflow_executions set status = 'completed' where id = (select id from workflow_executions where workflow_id = $1 and status = 'failed' limit 1)`,
      [versionId],
    );
    const second = await t.app.observability.alerts.evaluate();
    expect(second.cleared).toMatchObject([{ kind: 'workflow_success_rate', subject: workflowId }]);
    expect(second.cleared[0]!.clearedAt).toBeTruthy();

    const seen = await adminEvents(2);
    expect(seen.map((e) => `${e.event}:${e.alert.subject}`)).toEqual([`alert.opened:${workflowId}`, `alert.cleared:${workflowId}`]);
    await new Promise((r) => setTimeout(r, 200));
    expect(bobSaw).toEqual([]);
  });

  it('need the minimum number of finished runs', async () => {
    await seedRuns(0, 9); // 0% success, but only 9 runs
    expect((await t.app.observability.alerts.evaluate()).opened).toEqual([]);
  });

  it("open above the daily AI cost limit ($100.01 > $100) and clear at or below it ($99.99)", async () => {
    const { rows } = await t.db.pool.query<{ id: string }>(
      `insert into ai_step_executions (ai_model, prompt, response, tokens_used, cost_usd) values ('openai.chat:gpt-4o', 'p', '{}', 10, 100.01) returning id`,
    );
    const opened = await t.app.observability.alerts.evaluate();
    expect(opened.opened).toMatchObject([{ kind: 'ai_daily_cost', subject: 'all', value: 100.01, threshold: 100 }]);
    await t.db.pool.query('update ai_step_executions set cost_usd = 99.99 where id = $1', [rows[0]!.id]);
    expect((await t.app.observability.alerts.evaluate()).cleared).toMatchObject([{ kind: 'ai_daily_cost', value: 100.01 }]);
    await t.db.pool.query('delete from ai_step_executions where id = $1', [rows[0]!.id]);
  });

  it('processes checking at once (each also checks as it starts) open an alert once', async () => {
    const { workflowId } = await seedRuns(1, 19);
    const [second, third] = await Promise.all([startTestApp({}, t.db), startTestApp({}, t.db)]);
    try {
      await Promise.all([t, second, third].map((app) => app.app.observability.alerts.evaluate()));
      const { rows } = await t.db.pool.query<{ cleared_at: Date | null }>('select cleared_at from alerts where subject = $1', [workflowId]);
      expect(rows).toEqual([{ cleared_at: null }]);
    } finally {
      await Promise.all([second.stop(), third.stop()]);
    }
  });

  it('are listed for admins (open first, then recent) and refused to others', async () => {
    const list = await t.client(admin.headers).analytics.alerts.query();
    expect(list.open.map((a) => a.kind)).toContain('workflow_success_rate');
    expect(list.recent.map((a) => a.kind).sort()).toEqual(['ai_daily_cost', 'workflow_success_rate']);
    expect(await errorCode(t.client(bob.headers).analytics.alerts.query())).toBe('FORBIDDEN');
  });
});
