import { randomBytes } from 'node:crypto';
import { findWorkflowVersion } from '@stepwise/db';
import type { WorkflowDefinitionInput } from '@stepwise/engine';
import { TRPCError } from '@trpc/server';
import type { Services } from '../../services';
import { findTemplate, type TemplateSummary } from './catalog';

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `Monthly Budget!` -> `monthly-budget`; a name with no letters or digits becomes `workflow`. */
function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'workflow';
}

/** Six random lowercase letters or digits: keys are unique across all users, so names alone would collide. */
function randomSuffix(): string {
  return [...randomBytes(6)].map((b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join('');
}

/** Copies the latest version of the user's workflow into a template only they see; NOT_FOUND for anyone else's. */
export async function saveWorkflowAsTemplate(services: Services, userId: string, workflowId: string): Promise<TemplateSummary> {
  const latest = await findWorkflowVersion(services.orm.em.fork(), { ownerId: userId, workflowId });
  if (!latest) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `No workflow ${workflowId} among yours; only your own workflows can be saved as templates` });
  }
  // Who made it and when belong to each workflow made from the template, not to the template.
  const { created_by: _by, created_at: _at, updated_at: _updated, ...definition } = latest.definition;
  const template: WorkflowDefinitionInput = definition;
  const key = `${slugOf(definition.name)}-${randomSuffix()}`;
  await services.pool.query(
    `insert into workflow_templates (key, name, description, category, category_id, template, owner_id)
     values ($1, $2, $3, $4::varchar, (select id from workflow_categories where name = $4::varchar), $5::jsonb, $6)`,
    [key, definition.name, definition.description || null, definition.category, JSON.stringify(template), userId],
  );
  const { definition: _stored, ...summary } = await findTemplate(services.pool, userId, { key });
  return summary;
}

/** Deletes one of the user's own templates; NOT_FOUND for shared ones and other users'. */
export async function removeOwnTemplate(services: Services, userId: string, id: string): Promise<{ id: string; removed: true }> {
  const { rowCount } = await services.pool.query('delete from workflow_templates where id = $1 and owner_id = $2', [id, userId]);
  if (!rowCount) throw new TRPCError({ code: 'NOT_FOUND', message: `No template ${id} of yours; you can remove only templates you saved` });
  return { id, removed: true };
}
