import Form, { type IChangeEvent } from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useRef, useState } from 'react';
import { errorMessage, fieldErrors } from '../lib/trpc';
import { type FormSpec, readFormSpec, serverErrorsFor } from './form/form-spec';
import { FieldErrorTemplate, FieldTemplate, transformErrors } from './form/form-theme';
import { BusyButton, ErrorNote, KeyValues } from './pieces';
import { StepCardFrame } from './StepCardFrame';
import { formatScalar } from './StructuredValue';
import type { StepCardProps } from './types';

const templates = { FieldTemplate, FieldErrorTemplate };

/** A data_collection step: the form while it waits for input, the answers once submitted. */
export function FormCard(props: StepCardProps) {
  const { step } = props;
  return (
    <StepCardFrame
      {...props}
      body={() =>
        step.status === 'completed' ? (
          <KeyValues values={readableAnswers(step.output)} empty="No answers were given" />
        ) : (
          <WaitingForm {...props} />
        )
      }
    />
  );
}

function WaitingForm({ step, actions, readOnly }: StepCardProps) {
  const spec = useMemo(() => readFormSpec(step.output), [step.output]);
  if (!spec) return <ErrorNote title="This form cannot be shown">The step has no form to fill in.</ErrorNote>;
  // A new attempt of the step starts from an empty form.
  return <StepForm key={step.attempt} spec={spec} submit={actions.submit} readOnly={readOnly ?? false} />;
}

function StepForm({ spec, submit, readOnly }: { spec: FormSpec; submit: StepCardProps['actions']['submit']; readOnly: boolean }) {
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>(undefined);
  const [general, setGeneral] = useState<string[]>([]);
  const container = useRef<HTMLDivElement>(null);

  async function send({ formData: answers }: IChangeEvent<Record<string, unknown>>) {
    setBusy(true);
    setExtraErrors(undefined);
    setGeneral([]);
    try {
      await submit(answers ?? {});
    } catch (error) {
      const mapped = serverErrorsFor(spec.schema, fieldErrors(error));
      const hasFieldErrors = Object.keys(mapped.extraErrors).length > 0;
      setExtraErrors(hasFieldErrors ? mapped.extraErrors : undefined);
      setGeneral(mapped.general.length > 0 || hasFieldErrors ? mapped.general : [errorMessage(error)]);
      // Take the person to the first answer the server turned down.
      if (hasFieldErrors) requestAnimationFrame(() => container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="step-form" ref={container}>
      <Form
        schema={spec.schema}
        uiSchema={spec.uiSchema}
        formData={formData}
        validator={validator}
        templates={templates}
        transformErrors={transformErrors}
        extraErrors={extraErrors}
        showErrorList={false}
        noHtml5Validate
        focusOnFirstError
        disabled={busy || readOnly}
        onChange={(event) => setFormData(event.formData ?? {})}
        onSubmit={(event) => void send(event)}
        // Client-side problems are already shown next to their fields.
        onError={() => undefined}
      >
        {general.length > 0 && (
          <ErrorNote title="Your answers were not saved">
            {general.map((message, i) => (
              <p key={i}>{message}</p>
            ))}
          </ErrorNote>
        )}
        {!readOnly && (
          <div className="step-form-actions">
            <BusyButton type="submit" className="btn btn-primary" busy={busy} busyLabel="Submitting…">
              {spec.submitLabel}
            </BusyButton>
          </div>
        )}
      </Form>
    </div>
  );
}

/** Submitted answers with option codes ("self_employed") in words. */
function readableAnswers(output: unknown): Record<string, unknown> {
  if (!output || typeof output !== 'object') return {};
  return Object.fromEntries(Object.entries(output).map(([key, value]) => [key, typeof value === 'string' ? formatScalar(value) : value]));
}
