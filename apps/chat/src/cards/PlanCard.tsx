import { useState } from 'react';
import { stepTypeLabel } from '../lib/format';
import { WorkflowGraph } from './graph/WorkflowGraph';
import { Icon, StepTypeIcon } from './icons';
import { ActionError, BusyButton, Card } from './pieces';
import { PlanForecastLine } from './PlanForecast';
import type { PlanForecastState, PlanView } from './types';
import { useAction } from './use-action';

export interface PlanCardProps {
  plan: PlanView;
  onStart?: () => void | Promise<unknown>;
  /** Puts "Change …" into the chat composer so the person says what to change. */
  onChange?: () => void;
  onSaveTemplate?: () => void | Promise<unknown>;
  /** Expected time, tokens and cost from past runs; omitted, nothing is shown. */
  forecast?: PlanForecastState;
}

/** What a person is asked for by a step of this type, if anything. */
const WAITS_FOR_YOU: Record<string, string> = { data_collection: 'You fill in a form', ai_generated: 'You review the answer' };

const noop = () => undefined;

/** A generated or saved workflow before it runs: its steps in order, a picture, and what to do with it. */
export function PlanCard({ plan, onStart, onChange, onSaveTemplate, forecast }: PlanCardProps) {
  const start = useAction(onStart ?? noop);
  const save = useAction(onSaveTemplate ?? noop);
  const names = new Map(plan.steps.map((s) => [s.id, s.name]));
  const [saved, setSaved] = useState(false);
  return (
    <Card
      kicker={plan.version ? `Workflow plan · version ${plan.version}` : 'Workflow plan'}
      title={plan.name}
      icon={<Icon name="plan" />}
      testId="plan-card"
      actions={
        onStart || onChange || onSaveTemplate ? (
          <>
            {onStart && (
              <BusyButton className="btn btn-primary" busy={start.busy} busyLabel="Starting…" onClick={() => void start.run()}>
                Start
              </BusyButton>
            )}
            {onChange && (
              <button type="button" className="btn" onClick={onChange} disabled={start.busy}>
                Change it
              </button>
            )}
            {onSaveTemplate && (
              <BusyButton
                className="btn btn-ghost"
                busy={save.busy}
                busyLabel="Saving…"
                disabled={saved}
                onClick={() => void save.run().then((ok) => setSaved(ok))}
              >
                {saved ? 'Saved as template' : 'Save as template'}
              </BusyButton>
            )}
          </>
        ) : undefined
      }
    >
      {plan.description && <p className="card-description">{plan.description}</p>}
      <ol className="plan-steps">
        {plan.steps.map((step, i) => (
          <li className="plan-step" key={step.id}>
            <span className="plan-step-number" aria-hidden="true">{i + 1}</span>
            <div className="plan-step-body">
              <p className="plan-step-name">
                <span className="sr-only">Step {i + 1}: </span>
                {step.name}
              </p>
              <p className="plan-step-meta">
                <span className={`type-chip type-${step.type}`}>
                  <StepTypeIcon type={step.type} size={12} /> {stepTypeLabel(step.type)}
                </span>
                <span>{step.dependencies.length === 0 ? 'Starts first' : `After ${step.dependencies.map((d) => names.get(d) ?? d).join(', ')}`}</span>
                {WAITS_FOR_YOU[step.type] && <span className="plan-step-you">{WAITS_FOR_YOU[step.type]}</span>}
              </p>
            </div>
          </li>
        ))}
      </ol>
      {forecast && <PlanForecastLine state={forecast} />}
      <WorkflowGraph steps={plan.steps} label={`Steps of ${plan.name}`} />
      <ActionError error={start.error} title="Could not start the workflow" />
      <ActionError error={save.error} title="Could not save the template" />
    </Card>
  );
}
