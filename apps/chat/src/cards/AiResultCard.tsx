import { StepCardFrame } from './StepCardFrame';
import { ReviewActions } from './ReviewActions';
import { StructuredValue } from './StructuredValue';
import type { StepCardProps } from './types';

/** An ai_generated step: the model's structured answer, to accept or reject with feedback while under review. */
export function AiResultCard(props: StepCardProps) {
  const { step, actions, readOnly } = props;
  const underReview = step.status === 'waiting' && step.waitingFor === 'review' && !readOnly;
  return (
    <StepCardFrame
      {...props}
      runningLabel={step.attempt > 1 ? 'Rewriting your analysis…' : 'Writing your analysis…'}
      body={() => (
        <div className="ai-result">
          {step.attempt > 1 && <AttemptNote attempt={step.attempt} feedback={step.feedback} />}
          <StructuredValue value={step.output} />
        </div>
      )}
      footer={underReview ? <ReviewActions key={step.attempt} actions={actions} /> : undefined}
    />
  );
}

/** Which try this is, and the feedback it was asked to address. */
function AttemptNote({ attempt, feedback }: { attempt: number; feedback: string | null }) {
  return (
    <div className="attempt-note">
      <span className="attempt-number">Attempt {attempt}</span>
      {feedback?.trim() ? (
        <span>
          answers your feedback: <q className="attempt-feedback">{feedback}</q>
        </span>
      ) : (
        <span>a fresh answer after the last one was rejected</span>
      )}
    </div>
  );
}
