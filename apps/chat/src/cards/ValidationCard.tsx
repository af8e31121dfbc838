import { humanize } from '../lib/format';
import { stepName, storedFieldErrors } from './error-words';
import { StepCardFrame } from './StepCardFrame';
import type { StepCardProps } from './types';

/** A validation step's output: problems per checked path (`_` for whole-data rules) and how many rules ran. */
interface ValidationOutput {
  valid: boolean;
  errors: Record<string, string[]>;
  checked: number;
}

/** A validation step: each problem with its message, and how many checks passed. */
export function ValidationCard(props: StepCardProps) {
  const { step } = props;
  // A failing validation (on_failure: fail) stops the run; its problems travel in the error.
  if (step.status === 'failed' && step.error?.code === 'validation_failed') {
    return <StepCardFrame {...props} body={() => null} failedBody={<CheckList {...props} errors={storedFieldErrors(step.error)} checked={null} stopped />} />;
  }
  const output = (step.output ?? {}) as Partial<ValidationOutput>;
  return <StepCardFrame {...props} runningLabel="Checking…" body={() => <CheckList {...props} errors={output.errors ?? {}} checked={output.checked ?? null} />} />;
}

function CheckList({ run, errors, checked, stopped = false }: StepCardProps & { errors: Record<string, string[]>; checked: number | null; stopped?: boolean }) {
  const problems = Object.entries(errors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
  // Rules report by field, so a failing rule is one message.
  const passed = checked === null ? null : Math.max(checked - problems.length, 0);
  const found = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return (
    <div className="checks">
      <p className="checks-summary">
        {problems.length === 0 ? 'Every check passed.' : stopped ? `${found} found, so the workflow stopped here.` : `${found} found.`}
      </p>
      <ul className="check-list">
        {problems.map(({ path, message }, i) => (
          <li className="check check-fail" key={i}>
            <span className="check-mark" aria-hidden="true">✕</span>
            <span className="sr-only">Failed: </span>
            <span>
              {path !== '_' && <span className="check-field">{fieldLabel(run, path)}</span>}
              <span className="check-message">{message}</span>
            </span>
          </li>
        ))}
        {passed !== null && passed > 0 && (
          <li className="check check-pass">
            <span className="check-mark" aria-hidden="true">✓</span>
            <span className="sr-only">Passed: </span>
            <span className="check-message">{passed === 1 ? '1 check passed' : `${passed} checks passed`}</span>
          </li>
        )}
      </ul>
    </div>
  );
}

/** `income_and_expenses.housing` -> "Housing (Income and expenses)". */
function fieldLabel(run: StepCardProps['run'], path: string): string {
  const [root = '', ...rest] = path.split('.');
  if (rest.length === 0) return humanize(root);
  const source = root === 'input' ? 'Run input' : stepName(run, root);
  return `${humanize(rest.join(' '))} (${source})`;
}
