import { randomUUID } from 'node:crypto';
import type { TestCluster } from '@stepwise/db';
import type { SignedIn } from '../../api/auth-helpers';
import { percentile, print } from '../workloads';
import { signUpMany } from './clients';
import { startServers } from './servers';

const GOAL = 'Help me plan my monthly budget: ask for my income, expenses and savings goal, then if the surplus is under 500 warn me';

/** One full chat turn over POST /api/chat; returns what was wrong with it, or null. */
async function chatTurn(url: string, me: SignedIn): Promise<string | null> {
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...me.headers },
    body: JSON.stringify({ id: randomUUID(), messages: [{ id: randomUUID(), role: 'user', parts: [{ type: 'text', text: GOAL }] }] }),
  });
  const raw = await res.text();
  if (res.status !== 200) return `HTTP ${res.status}: ${raw.slice(0, 200)}`;
  const data = raw
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length));
  if (data.at(-1) !== '[DONE]') return 'the stream ended without [DONE]';
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { type: string; toolName?: string; errorText?: string });
  const error = chunks.find((c) => c.type === 'error' || c.type === 'tool-output-error');
  if (error) return `${error.type}: ${error.errorText ?? ''}`;
  const planned = chunks.some((c) => c.type === 'tool-output-available');
  return planned ? null : 'the assistant proposed no workflow';
}

/**
 * load.chat_turn_p50_ms / p99: `sessions` people at once, each asking one server process (built-in
 * model) for a workflow; a turn is the whole streamed answer, tool call and saved plan included.
 */
export async function benchChat(cluster: TestCluster, sessions: number): Promise<void> {
  const deployment = await startServers(cluster, 1);
  try {
    const url = deployment.servers[0]!.url;
    const people = await signUpMany(url, sessions);
    await chatTurn(url, people[0]!.me); // warm-up: the first turn loads the model's code paths
    const problems: string[] = [];
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      people.map(async ({ me }) => {
        const start = performance.now();
        const problem = await chatTurn(url, me).catch((error: unknown) => String(error));
        if (problem) problems.push(problem);
        else latencies.push(performance.now() - start);
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    const note = `${sessions} sessions at once, one process, built-in model; ${(sessions / wall).toFixed(1)} turns/s`;
    print({ name: 'load.chat_errors', value: problems.length, unit: 'errors', goal: '0', note: problems[0] ?? note });
    print({ name: 'load.chat_turn_p50_ms', value: percentile(latencies, 50), unit: 'ms', note });
    print({ name: 'load.chat_turn_p99_ms', value: percentile(latencies, 99), unit: 'ms' });
    // Saved state, not the stream's word: every person now owns the workflow the assistant planned.
    const { rows } = await deployment.db.pool.query<{ n: number }>(
      'select count(distinct owner_id)::int as n from workflow_definitions where owner_id = any($1::uuid[])',
      [people.map((p) => p.me.user.id)],
    );
    print({ name: 'load.chat_people_with_saved_workflow', value: rows[0]!.n, unit: 'people', goal: String(sessions) });
  } finally {
    await deployment.stop();
  }
}
