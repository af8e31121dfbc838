import { stepName } from './error-words';
import { StepCardFrame } from './StepCardFrame';
import { formatScalar } from './StructuredValue';
import type { StepCardProps } from './types';

/** A decision's output: the branch taken, the CEL condition that held (null for the default) and the values it read. */
interface DecisionOutput {
  branch: string;
  label?: string;
  condition: string | null;
  values?: Record<string, unknown>;
}

/** A decision step: which path was taken and why, and which steps that left out. */
export function DecisionCard(props: StepCardProps) {
  return <StepCardFrame {...props} runningLabel="Choosing the path…" body={() => <DecisionBody {...props} />} />;
}

function DecisionBody({ run, step }: StepCardProps) {
  const output = (step.output ?? {}) as Partial<DecisionOutput>;
  const values = Object.entries(output.values ?? {});
  const following = run.steps.filter((s) => s.dependencies.includes(step.stepId));
  const taken = following.filter((s) => s.status !== 'skipped');
  const skipped = following.filter((s) => s.status === 'skipped');
  return (
    <div className="decision">
      <p className="decision-taken">
        <span className="decision-arrow" aria-hidden="true">→</span>
        <span>
          Took <strong>{output.label ?? output.branch ?? 'a path'}</strong>
        </span>
      </p>
      {output.condition ? (
        <div className="decision-why">
          <p className="decision-because">because this was true:</p>
          <code className="condition">{output.condition}</code>
        </div>
      ) : (
        <p className="decision-because">No condition held, so the default path was taken.</p>
      )}
      {values.length > 0 && (
        <dl className="kv kv-compact" aria-label="Values the decision saw">
          {values.map(([path, value]) => (
            <div className="kv-row" key={path}>
              <dt>
                <code>{path}</code>
              </dt>
              <dd>{formatScalar(value, path)}</dd>
            </div>
          ))}
        </dl>
      )}
      <StepNames label="Runs next" names={taken.map((s) => s.name)} />
      <StepNames label="Skipped" names={skipped.map((s) => stepName(run, s.stepId))} muted />
    </div>
  );
}

function StepNames({ label, names, muted = false }: { label: string; names: string[]; muted?: boolean }) {
  if (names.length === 0) return null;
  return (
    <p className={muted ? 'decision-steps decision-steps-skipped' : 'decision-steps'}>
      <span className="decision-steps-label">{label}:</span> {names.join(', ')}
    </p>
  );
}
