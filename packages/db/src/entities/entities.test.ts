import { randomUUID } from 'node:crypto';
import { wrap, type EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDefinition } from '../testing/fixtures';
import { useTestDatabase } from '../testing/use-test-database';
import {
  AiStepExecution,
  AiWorkflowGeneration,
  User,
  WorkflowCategory,
  WorkflowDefinition,
  WorkflowExecution,
  WorkflowExecutionMetric,
  WorkflowLearningData,
  WorkflowStepExecution,
  WorkflowTemplate,
} from '.';

const db = useTestDatabase();
let em: EntityManager;
beforeAll(() => {
  em = db.em();
});

const at = (s: string) => new Date(`2025-03-04T05:06:${s}Z`);

/** Persists `data`, reloads it through a fresh identity map and returns both as plain objects (relations as ids). */
async function roundTrip<T extends object>(schema: EntitySchema<T>, data: Record<string, unknown>) {
  const entity = em.create(schema, data as never);
  await em.flush();
  const id = (entity as { id: string }).id;
  em.clear();
  const loaded = await em.fork().findOneOrFail(schema, { id } as never);
  return { saved: wrap(entity).toObject() as Record<string, unknown>, loaded: wrap(loaded).toObject() as Record<string, unknown> };
}

/** Every field given must come back equal, and nothing else may differ from what the ORM saved. */
function expectRoundTrip({ saved, loaded }: Awaited<ReturnType<typeof roundTrip>>, data: Record<string, unknown>) {
  expect(loaded).toMatchObject(data);
  expect(loaded).toEqual(saved);
}

describe('entities round-trip', () => {
  const ids: Record<string, string> = {};

  it('users (email stored lower-cased)', async () => {
    const data = { passwordHash: '$argon2id$v=19$x', role: 'admin', displayName: 'Ada', createdAt: at('01'), updatedAt: at('02') };
    const r = await roundTrip(User, { email: 'Ada@Example.COM', ...data });
    expectRoundTrip(r, { ...data, email: 'ada@example.com' });
    ids.user = r.loaded.id as string;
  });

  it('workflow_categories (with a parent)', async () => {
    const parent = await roundTrip(WorkflowCategory, { name: 'Finance', description: 'Money matters', createdAt: at('03') });
    const child = { name: 'Loans', description: null, parent: parent.loaded.id, createdAt: at('04') };
    expectRoundTrip(await roundTrip(WorkflowCategory, child), child);
    ids.category = parent.loaded.id as string;
  });

  it('workflow_definitions (jsonb definition, numeric rating)', async () => {
    const data = {
      workflowId: randomUUID(),
      version: 3,
      isLatest: false,
      name: 'Loan application',
      description: 'Apply for a loan',
      category: 'Finance',
      definition: sampleDefinition(),
      aiConfigurable: false,
      createdBy: 'user',
      owner: ids.user,
      archivedAt: at('05'),
      usageCount: 42,
      rating: 4.25,
      createdAt: at('06'),
      updatedAt: at('07'),
    };
    const r = await roundTrip(WorkflowDefinition, data);
    expectRoundTrip(r, data);
    expect(typeof r.loaded.rating).toBe('number');
    ids.definition = r.loaded.id as string;
  });

  it('workflow_templates (a shared one and a user\'s own)', async () => {
    const own = { key: 'loan-application-mine', name: 'My loan', category: 'Finance', template: sampleDefinition(['only']), owner: ids.user };
    expect((await roundTrip(WorkflowTemplate, own)).loaded).toMatchObject(own);
    const data = {
      key: 'loan-application',
      name: 'Loan application',
      description: null,
      category: 'Finance',
      categoryRef: ids.category,
      template: sampleDefinition(['only']),
      aiGenerated: true,
      usageCount: 7,
      owner: null,
      createdAt: at('08'),
      updatedAt: at('09'),
    };
    expectRoundTrip(await roundTrip(WorkflowTemplate, data), data);
  });

  it('workflow_executions and workflow_step_executions', async () => {
    const execution = {
      workflow: ids.definition,
      user: ids.user,
      sessionId: 'session-9',
      status: 'failed',
      context: { user_id: ids.user, session_id: 'session-9', data: { input: { n: 1 } }, metadata: {}, created_at: 'x', updated_at: 'y' },
      results: { total: [1, 2, 3] },
      error: { code: 'step_failed', message: 'boom', details: { retry: false } },
      errorMessage: 'boom',
      version: 5,
      leaseOwner: 'worker-7',
      leaseExpiresAt: at('10'),
      startedAt: at('11'),
      completedAt: at('12'),
      createdAt: at('13'),
      updatedAt: at('14'),
    };
    const e = await roundTrip(WorkflowExecution, execution);
    expectRoundTrip(e, execution);
    ids.execution = e.loaded.id as string;

    const step = {
      execution: ids.execution,
      stepId: 'collect',
      stepType: 'form',
      attempt: 2,
      status: 'waiting',
      waitingFor: 'review',
      inputData: { a: 'b' },
      outputData: ['list', { of: 'things' }],
      error: { code: 'invalid_input', message: 'nope' },
      errorMessage: 'nope',
      feedback: 'try again',
      executionTimeMs: 1234,
      startedAt: at('15'),
      completedAt: at('16'),
      createdAt: at('17'),
      updatedAt: at('18'),
    };
    const s = await roundTrip(WorkflowStepExecution, step);
    expectRoundTrip(s, step);
    ids.step = s.loaded.id as string;
  });

  it('workflow_execution_metrics (numeric(15,4) as number)', async () => {
    const data = { execution: ids.execution, metricName: 'duration', metricValue: 12345678901.2345, metricUnit: 'ms', recordedAt: at('19') };
    expectRoundTrip(await roundTrip(WorkflowExecutionMetric, data), data);
  });

  it('ai_workflow_generations', async () => {
    const data = {
      user: ids.user,
      requirements: { goal: 'onboarding', steps: 4 },
      generatedWorkflow: ids.definition,
      aiModel: 'gpt-test',
      generationTimeMs: 900,
      success: true,
      errorMessage: null,
      createdAt: at('20'),
    };
    expectRoundTrip(await roundTrip(AiWorkflowGeneration, data), data);
  });

  it('ai_step_executions (money as an exact decimal string)', async () => {
    const data = {
      stepExecution: ids.step,
      aiModel: 'gpt-test',
      prompt: 'Summarise',
      response: 'Done',
      tokensUsed: 321,
      costUsd: '0.0123',
      executionTimeMs: 77,
      createdAt: at('21'),
    };
    expectRoundTrip(await roundTrip(AiStepExecution, data), data);
  });

  it('workflow_learning_data', async () => {
    const data = {
      execution: ids.execution,
      userFeedback: { rating: 5 },
      performanceMetrics: { p95: 1.5 },
      improvementSuggestions: ['merge steps 2 and 3'],
      createdAt: at('22'),
    };
    expectRoundTrip(await roundTrip(WorkflowLearningData, data), data);
  });

  it('the database itself refuses an upper-case email or an unknown role', async () => {
    await expect(db.pool.query(`insert into users (email) values ('Bob@Example.com')`)).rejects.toThrow(/users_email_lower_check/);
    await expect(db.pool.query(`insert into users (email, role) values ('bob@example.com', 'root')`)).rejects.toThrow(/users_role_check/);
  });
});
