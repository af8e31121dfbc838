import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { createdAt, uuidPk } from './columns';

/**
 * A monitoring alert (low success rate of a workflow, high daily AI cost): open while cleared_at is
 * null. The partial unique index lets every process try to open it; only one succeeds.
 */
export const Alert = defineEntity({
  name: 'Alert',
  tableName: 'alerts',
  properties: (p) => ({
    id: uuidPk(),
    kind: p.string().length(50),
    /** What the alert is about: a workflow id for success rates, `all` for platform-wide cost. */
    subject: p.string().length(255),
    value: p.decimal('number').precision(15).scale(4),
    threshold: p.decimal('number').precision(15).scale(4),
    openedAt: createdAt(),
    clearedAt: p.datetime().nullable(),
  }),
  indexes: [
    {
      name: 'alerts_one_open_per_subject',
      expression: 'create unique index "alerts_one_open_per_subject" on "alerts" ("kind", "subject") where "cleared_at" is null',
    },
    { name: 'alerts_opened_at_index', properties: ['openedAt'] },
  ],
});
export type IAlert = InferEntity<typeof Alert>;
