import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventsAcrossProcesses, startTwoProcesses, type TwoProcesses } from './live-scenario';

let t: TwoProcesses;
beforeAll(async () => (t = await startTwoProcesses()));
afterAll(async () => t?.stop());

describe('live updates over socket.io (PostgreSQL adapter)', () => {
  it('a client on process B receives every event of a run driven by process A, in order; another user gets none', () =>
    expectEventsAcrossProcesses(t));

  it('refuses a handshake without credentials, and non-admins in the admin room', async () => {
    await expect(t.connect(t.a.url)).rejects.toThrow(/unauthorized/);
    const user = await t.connect(t.a.url, t.bob.cookie);
    expect(await user.emitWithAck('admin.join')).toMatchObject({ ok: false, error: 'FORBIDDEN' });
    expect(await user.emitWithAck('execution.join', { executionId: 'nope' })).toMatchObject({ ok: false, error: 'BAD_REQUEST' });
  });
});
