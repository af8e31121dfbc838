import { type FieldErrorProps, type FieldTemplateProps, type RJSFValidationError, errorId, getUiOptions } from '@rjsf/utils';
import { useLayoutEffect, useRef } from 'react';

/** rjsf's default markup with the app's labels, hints and inline errors (no error list at the top). */

export function FieldTemplate({ id, classNames, style, label, children, errors, help, description, hidden, required, displayLabel, rawErrors, hideError, uiSchema }: FieldTemplateProps) {
  const ref = useRef<HTMLDivElement>(null);
  const invalid = !hideError && (rawErrors?.length ?? 0) > 0;
  // Default widgets do not set aria-invalid; mark this field's own control.
  useLayoutEffect(() => {
    const control = ref.current?.querySelector(`[id="${id}"]`);
    if (!control || control.tagName === 'FIELDSET') return;
    if (invalid) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  });
  if (hidden) return <div hidden>{children}</div>;
  const isCheckbox = getUiOptions(uiSchema).widget === 'checkbox';
  return (
    <div ref={ref} className={`rjsf-field ${classNames ?? ''}${invalid ? ' has-error' : ''}`} style={style}>
      {displayLabel && !isCheckbox && label && (
        <label className="rjsf-label" htmlFor={id}>
          {label}
          {required && <span className="rjsf-required" aria-hidden="true"> *</span>}
        </label>
      )}
      {displayLabel && description}
      {children}
      {errors}
      {help}
    </div>
  );
}

/** "Take-home pay must be at least 0": a field's label leads its lower-case messages. */
export function FieldErrorTemplate({ errors = [], fieldPathId, schema }: FieldErrorProps) {
  const messages = errors.filter((e): e is string => typeof e === 'string' && e.length > 0);
  if (messages.length === 0) return null;
  const label = typeof schema.title === 'string' ? schema.title : 'This field';
  return (
    <div id={errorId(fieldPathId)} className="rjsf-errors">
      {messages.map((message, i) => (
        <p className="field-error" key={i}>
          {/^[a-z]/.test(message) ? `${label} ${message}` : message}
        </p>
      ))}
    </div>
  );
}

const TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', integer: 'a whole number', boolean: 'yes or no', array: 'a list', object: 'a group of answers' };
const FORMAT_NAMES: Record<string, string> = { email: 'a valid email address', date: 'a date', 'date-time': 'a date and time', uri: 'a valid URL' };
const plural = (n: unknown, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;

/** The client's checks in the same words the server uses, so both read alike next to a field. */
const MESSAGES: Record<string, (p: Record<string, unknown>) => string> = {
  required: () => 'is required',
  type: (p) => `must be ${TYPE_NAMES[String(p.type)] ?? String(p.type)}`,
  minimum: (p) => `must be at least ${String(p.limit)}`,
  maximum: (p) => `must be at most ${String(p.limit)}`,
  exclusiveMinimum: (p) => `must be greater than ${String(p.limit)}`,
  exclusiveMaximum: (p) => `must be less than ${String(p.limit)}`,
  minLength: (p) => `must be at least ${plural(p.limit, 'character')}`,
  maxLength: (p) => `must be at most ${plural(p.limit, 'character')}`,
  minItems: (p) => `must have at least ${plural(p.limit, 'item')}`,
  maxItems: (p) => `must have at most ${plural(p.limit, 'item')}`,
  pattern: () => 'is not in the expected format',
  format: (p) => `must be ${FORMAT_NAMES[String(p.format)] ?? `in ${String(p.format)} format`}`,
  enum: () => 'must be one of the options',
};

export function transformErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return errors.map((error) => {
    const describe = error.name ? MESSAGES[error.name] : undefined;
    return describe ? { ...error, message: describe((error.params ?? {}) as Record<string, unknown>) } : error;
  });
}
