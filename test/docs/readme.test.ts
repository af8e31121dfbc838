import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStore, WorkflowEngine, createDefaultRegistry } from '@stepwise/engine';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

describe('README', () => {
  it('its example workflow is valid and runs as described', async () => {
    const json = /```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(json).toBeTruthy();
    const engine = new WorkflowEngine({ store: new MemoryStore(), registry: createDefaultRegistry() });
    const definition = engine.validate(JSON.parse(json!));
    const run = await engine.start({ workflowId: 'readme', definition, userId: 'u', sessionId: 's' });
    expect(run.status).toBe('waiting_for_input');
    const done = await engine.submitInput(run.id, 'budget', { income: 3000, expenses: 2800 });
    expect(done.status).toBe('completed');
    expect(done.context.data.route).toMatchObject({ branch: 'tight' });
  });

  it('documents every environment variable the server reads', () => {
    const config = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/server/src/config.ts'), 'utf8');
    const names = [...config.matchAll(/^\s+([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(readme).toContain(`\`${name}\``);
  });
});
