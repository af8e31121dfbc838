import { Card, EmptyState } from '../../cards/pieces';
import { useChatActions } from '../chat-actions';
import { ToolFailureNote } from './ToolFailureNote';
import { isTemplateList, type ToolOutputProps } from './types';

/** The ready-made workflows; picking one asks the assistant to build it. */
export function TemplatesToolCard({ output }: ToolOutputProps) {
  const { send, busy } = useChatActions();
  if (!isTemplateList(output)) return <ToolFailureNote output={output} />;
  if (output.templates.length === 0) return <EmptyState title="No templates yet">Describe your goal and I will build a workflow for it.</EmptyState>;
  return (
    <Card kicker="Templates" title="Ready-made workflows" testId="templates-card">
      <ul className="template-list">
        {output.templates.map((t) => (
          <li key={t.key} className="template-item">
            <div>
              <p className="template-name">{t.name}</p>
              {t.description && <p className="muted template-description">{t.description}</p>}
              <p className="hint">
                {t.category} · {t.stepCount} {t.stepCount === 1 ? 'step' : 'steps'}
              </p>
            </div>
            <button type="button" className="btn btn-sm" disabled={busy} onClick={() => send(`Help me ${lowerFirst(t.name)}`)}>
              Use this
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
