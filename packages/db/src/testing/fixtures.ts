import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createContext, pendingStep, type RunRecord, type StepRecord, type WorkflowDefinition } from '@stepwise/engine';

/** Rows and records tests need: a user, a stored definition version, a run. */

export function sampleDefinition(stepIds: string[] = ['collect', 'review', 'finish']): WorkflowDefinition {
  const at = '2025-01-01T00:00:00.000Z';
  return {
    id: 'sample',
    name: 'Sample workflow',
    description: 'Used by tests',
    version: '1',
    category: 'testing',
    steps: stepIds.map((id, i) => ({
      id,
      name: `Step ${id}`,
      type: i === 0 ? 'form' : 'decision',
      description: '',
      config: {},
      dependencies: i === 0 ? [] : [stepIds[i - 1] as string],
      ai_generated: false,
      ai_prompt: null,
      validation_rules: null,
    })),
    entry_points: [stepIds[0] as string],
    exit_points: [stepIds[stepIds.length - 1] as string],
    ai_configurable: true,
    created_by: 'system',
    created_at: at,
    updated_at: at,
  };
}

export async function insertUser(pool: pg.Pool, email = `user-${randomUUID()}@example.com`): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('insert into users (email) values (lower($1)) returning id', [email]);
  return rows[0]!.id;
}

/** Stores `definition` as version 1 of a new workflow; returns the version id. */
export async function insertDefinition(pool: pg.Pool, definition = sampleDefinition()): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into workflow_definitions (workflow_id, version, is_latest, name, category, definition)
     values ($1, 1, true, $2, $3, $4::jsonb) returning id`,
    [randomUUID(), definition.name, definition.category, JSON.stringify(definition)],
  );
  return rows[0]!.id;
}

export function sampleRun(args: {
  workflowId: string;
  userId: string;
  definition?: WorkflowDefinition;
  now?: Date;
  steps?: StepRecord[];
}): RunRecord {
  const definition = args.definition ?? sampleDefinition();
  const now = args.now ?? new Date('2025-01-02T03:04:05.678Z');
  const steps: Record<string, StepRecord> = {};
  for (const s of definition.steps) steps[s.id] = pendingStep(s.id, s.type);
  for (const s of args.steps ?? []) steps[s.stepId] = s;
  return {
    id: randomUUID(),
    workflowId: args.workflowId,
    definition,
    userId: args.userId,
    sessionId: 'session-1',
    status: 'running',
    context: createContext({ userId: args.userId, sessionId: 'session-1', input: { amount: 12.5, tags: ['a', 'b'] }, now }),
    results: null,
    error: null,
    steps,
    version: 0,
    leaseOwner: 'worker-1',
    leaseExpiresAt: new Date(now.getTime() + 30_000),
    startedAt: now,
    completedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function stepAttempt(stepId: string, attempt: number, patch: Partial<StepRecord> = {}): StepRecord {
  return {
    ...pendingStep(stepId, 'form'),
    attempt,
    status: 'completed',
    input: { attempt },
    output: { value: `${stepId}#${attempt}`, nested: [1, { deep: true }] },
    startedAt: new Date('2025-01-02T03:04:06.000Z'),
    completedAt: new Date('2025-01-02T03:04:07.250Z'),
    durationMs: 1250,
    ...patch,
  };
}
