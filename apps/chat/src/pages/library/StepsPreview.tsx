import { ErrorNote, Progress } from '../../cards/pieces';
import { WorkflowGraph } from '../../cards/graph/WorkflowGraph';
import { stepTypeLabel } from '../../lib/format';
import { errorMessage, trpc } from '../../lib/trpc';

type Source = { kind: 'template'; id: string } | { kind: 'workflow'; id: string };
type PreviewStep = { id: string; name: string; type: string; dependencies?: string[] };

/** A template's or workflow's steps: the graph, and the same steps as a numbered list. */
export function StepsPreview({ source, name }: { source: Source; name: string }) {
  const template = trpc.templates.get.useQuery({ id: source.id }, { enabled: source.kind === 'template', staleTime: 60_000 });
  const workflow = trpc.workflows.get.useQuery({ id: source.id }, { enabled: source.kind === 'workflow', staleTime: 60_000 });
  const query = source.kind === 'template' ? template : workflow;
  if (query.isLoading) return <Progress label="Loading the steps…" />;
  if (query.error) return <ErrorNote title="The steps could not be loaded">{errorMessage(query.error)}</ErrorNote>;
  const raw = (query.data?.definition.steps ?? []) as PreviewStep[];
  const steps = raw.map((s) => ({ id: s.id, name: s.name, type: s.type, dependencies: s.dependencies ?? [] }));
  return <StepsList steps={steps} name={name} />;
}

export function StepsList({ steps, name }: { steps: { id: string; name: string; type: string; dependencies: string[] }[]; name: string }) {
  const names = Object.fromEntries(steps.map((s) => [s.id, s.name]));
  return (
    <div className="steps-preview">
      <WorkflowGraph steps={steps} label={`The steps of ${name}`} />
      <ol className="steps-list">
        {steps.map((s) => (
          <li key={s.id}>
            <span className="steps-list-name">{s.name}</span>
            <span className="steps-list-type">{stepTypeLabel(s.type)}</span>
            {s.dependencies.length > 0 && <span className="steps-list-after">after {s.dependencies.map((d) => names[d] ?? d).join(', ')}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
