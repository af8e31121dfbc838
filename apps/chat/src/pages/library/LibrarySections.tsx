import type { ReactNode } from 'react';
import { EmptyState, ErrorNote } from '../../cards/pieces';
import type { TemplateSummary, WorkflowSummary } from './filterLibrary';
import { filterTemplates } from './filterLibrary';
import { LibraryCard } from './LibraryCard';
import { RemoveTemplate } from './RemoveTemplate';
import { StepsPreview } from './StepsPreview';

type Source = { kind: 'template' | 'workflow'; id: string };
type RenderSteps = (source: Source, name: string) => ReactNode;
/** What the sections need of the actions (useLibraryActions provides it). */
export interface CardActions {
  added: Record<string, WorkflowSummary>;
  errors: Record<string, string>;
  /** Why removing a template (by id) failed. */
  removeErrors: Record<string, string>;
  usingId?: string;
  startingId?: string;
  removingId?: string;
  addTemplate(templateId: string): void;
  /** Deletes one of the user's own templates. */
  removeTemplate(templateId: string): void;
  run(workflowId: string): void;
}

/** What every card shows of a template or a workflow. */
const about = ({ name, description, category, stepCount }: TemplateSummary | WorkflowSummary) => ({ name, description, category, stepCount });

const previewSteps: RenderSteps = (source, name) => <StepsPreview source={source} name={name} />;

function RunButton({ workflowId, actions, label = 'Run' }: { workflowId: string; actions: CardActions; label?: string }) {
  const starting = actions.startingId === workflowId;
  return (
    <button type="button" className="btn btn-primary btn-sm" onClick={() => actions.run(workflowId)} disabled={actions.startingId !== undefined}>
      {starting ? 'Starting…' : label}
    </button>
  );
}

export function MyWorkflows({ workflows, actions, searching, renderSteps = previewSteps }: {
  workflows: WorkflowSummary[];
  actions: CardActions;
  searching: boolean;
  renderSteps?: RenderSteps;
}) {
  if (workflows.length === 0) {
    return searching ? (
      <p className="muted">None of your workflows match.</p>
    ) : (
      <EmptyState title="You have no workflows yet">Use a template below, or describe what you want in the chat and save the plan.</EmptyState>
    );
  }
  return (
    <div className="lib-grid">
      {workflows.map((w) => (
        <LibraryCard
          key={w.id}
          {...about(w)}
          badge={<span className="lib-version">Version {w.version}</span>}
          actions={<RunButton workflowId={w.id} actions={actions} />}
          notice={actions.errors[w.id] && <ErrorNote title="The run did not start">{actions.errors[w.id]}</ErrorNote>}
          steps={() => renderSteps({ kind: 'workflow', id: w.id }, w.name)}
        />
      ))}
    </div>
  );
}

export function Templates({ templates, search, actions, renderSteps = previewSteps }: {
  templates: TemplateSummary[];
  search: string;
  actions: CardActions;
  renderSteps?: RenderSteps;
}) {
  const shown = filterTemplates(templates, search);
  if (shown.length === 0) {
    return <EmptyState title={search ? `No templates match “${search}”` : 'No templates in this category'}>Try other words or another category.</EmptyState>;
  }
  return (
    <div className="lib-grid">
      {shown.map((t) => {
        const added = actions.added[t.id];
        return (
          <LibraryCard
            key={t.id}
            {...about(t)}
            badge={
              <span className="lib-badges">
                {t.mine && <span className="lib-yours">Yours</span>}
                {t.usageCount > 0 && <span className="lib-usage">Used {t.usageCount}×</span>}
              </span>
            }
            actions={
              <>
                {added ? (
                  <RunButton workflowId={added.id} actions={actions} label="Run it now" />
                ) : (
                  <button type="button" className="btn btn-sm" onClick={() => actions.addTemplate(t.id)} disabled={actions.usingId === t.id}>
                    {actions.usingId === t.id ? 'Adding…' : 'Use this template'}
                  </button>
                )}
                {t.mine && <RemoveTemplate name={t.name} removing={actions.removingId === t.id} onRemove={() => actions.removeTemplate(t.id)} />}
              </>
            }
            notice={
              <>
                {added && <p className="lib-added" role="status">Added to My workflows as “{added.name}”.</p>}
                {actions.errors[t.id] && <ErrorNote title="The template was not added">{actions.errors[t.id]}</ErrorNote>}
                {actions.removeErrors[t.id] && <ErrorNote title="The template was not removed">{actions.removeErrors[t.id]}</ErrorNote>}
                {added && actions.errors[added.id] && <ErrorNote title="The run did not start">{actions.errors[added.id]}</ErrorNote>}
              </>
            }
            steps={() => renderSteps({ kind: 'template', id: t.id }, t.name)}
          />
        );
      })}
    </div>
  );
}
