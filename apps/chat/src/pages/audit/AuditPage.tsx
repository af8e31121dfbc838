import { useState } from 'react';
import { EmptyState } from '../../cards/pieces';
import { PageHeader } from '../../layout/PageHeader';
import { PagedResults } from '../../layout/PagedResults';
import '../analytics/monitoring.css';
import './audit.css';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { type AuditFilter, useAudit } from './useAudit';

/** The audit log for administrators: every change, chat tool call and sign-in, newest first. */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const audit = useAudit(filter);
  return (
    <div className="page">
      <PageHeader title="Audit log" intro="Who did what to which workflow or execution, and when: every change, chat tool call and sign-in." />
      <AuditFilters onApply={setFilter} />
      <PagedResults
        list={audit}
        loadingLabel="Loading the audit log"
        errorTitle="The audit log could not be loaded"
        empty={<EmptyState title="No entries">Nothing matches these filters; clear them to see everything.</EmptyState>}
      >
        <AuditTable items={audit.items} />
      </PagedResults>
    </div>
  );
}
