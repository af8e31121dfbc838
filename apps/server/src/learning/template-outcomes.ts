import { BUILTIN_TEMPLATES, type TemplateOutcomes } from '@stepwise/engine';
import type pg from 'pg';
import type { Services } from '../services';

/**
 * Finished runs of the last 90 days per template key. A workflow made from a template keeps the
 * template's definition id (its key), so runs of every version of such workflows count for it;
 * generated workflows get a fresh id and are not counted.
 */
const OUTCOMES_SQL = `
  select d.definition ->> 'id' as key,
         count(*)::int as runs,
         count(*) filter (where e.status = 'completed')::int as completed
    from workflow_definitions d
    join workflow_executions e on e.workflow_id = d.id
   where d.definition ->> 'id' = any($1::text[])
     and e.status in ('completed', 'failed', 'cancelled')
     and e.created_at >= now() - interval '90 days'
   group by 1`;

export async function templateOutcomes(pool: pg.Pool, keys: readonly string[] = BUILTIN_TEMPLATES.map((t) => t.key)): Promise<TemplateOutcomes> {
  const { rows } = await pool.query<{ key: string; runs: number; completed: number }>(OUTCOMES_SQL, [keys]);
  return Object.fromEntries(rows.map((r) => [r.key, { runs: r.runs, successRate: r.runs === 0 ? 0 : r.completed / r.runs }]));
}

/** Outcomes help the generator choose but are never worth failing a generation over. */
export async function outcomesOrNone(services: Pick<Services, 'pool' | 'log'>): Promise<TemplateOutcomes | undefined> {
  try {
    return await templateOutcomes(services.pool);
  } catch (error) {
    services.log.warn({ err: String(error) }, 'template outcomes not read; generating without them');
    return undefined;
  }
}
