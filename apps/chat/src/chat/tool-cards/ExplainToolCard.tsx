import { Card, KeyValues } from '../../cards/pieces';
import { stepTypeLabel } from '../../lib/format';
import { ToolFailureNote } from './ToolFailureNote';
import { isExplanation, type ToolOutputProps } from './types';

/** What a step does and why it is where it is. */
export function ExplainToolCard({ output }: ToolOutputProps) {
  if (!isExplanation(output)) return <ToolFailureNote output={output} />;
  return (
    <Card kicker={`About this step · ${stepTypeLabel(output.type)}`} title={output.name} status={output.status} testId="explain-card">
      <p>{output.whatItDoes}</p>
      <p>
        <strong>Why it is here: </strong>
        {output.why}
      </p>
      {output.dependsOn.length > 0 && <p className="hint">Comes after: {output.dependsOn.join(', ')}</p>}
      {output.feedback && <KeyValues values={{ your_last_feedback: output.feedback }} />}
    </Card>
  );
}
