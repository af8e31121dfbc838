import { stepName } from './error-words';
import { StepCardFrame } from './StepCardFrame';
import { StructuredObject } from './StructuredValue';
import type { StepCardProps } from './types';

/** A calculation step: the formula's outputs (percentages, amounts, yes/no) and what it was worked out from. */
export function CalculationCard(props: StepCardProps) {
  return <StepCardFrame {...props} runningLabel="Calculating…" body={() => <CalculationBody {...props} />} />;
}

function CalculationBody({ run, step }: StepCardProps) {
  const output = step.output && typeof step.output === 'object' ? (step.output as Record<string, unknown>) : {};
  return (
    <div className="calculation">
      <StructuredObject value={output} />
      {step.dependencies.length > 0 && (
        <p className="hint">Worked out from {step.dependencies.map((id) => stepName(run, id)).join(', ')}.</p>
      )}
    </div>
  );
}
