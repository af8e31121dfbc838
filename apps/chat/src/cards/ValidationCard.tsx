import { humanize } from '../lib/format';
import { stepName, storedFieldErrors } from './error-words';
import { StepCardFrame } from './StepCardFrame';
import type { StepCardProps } from './types';

/** A validation step's output: problems per checked path (`_` for whole-data rules) and how many rules ran. */
interface ValidationOutput {
  valid: boolean;
  errors: Record<string, string[]>;
  checked: number;
  /** Every rule with its outcome (older runs lack it: then only the problems are known). */
  rules?: RuleResult[];
}

interface RuleResult {
  field: string | null;
  rule: string;
  passed: boolean;
  problem: string | null;
}

const storedRules = (details: unknown): RuleResult[] | undefined => {
  const rules = (details as { rules?: unknown } | null | undefined)?.rules;
  return Array.isArray(rules) ? (rules as RuleResult[]) : undefined;
};

/** A validation step: each problem with its message, and how many checks passed. */
export function ValidationCard(props: StepCardProps) {
  const { step } = props;
  // A failing validation (on_failure: fail) stops the run; its problems travel in the error.
  if (step.status === 'failed' && step.error?.code === 'validation_failed') {
    return <StepCardFrame {...props} body={() => null} failedBody={<CheckList {...props} errors={storedFieldErrors(step.error)} rules={storedRules(step.error.details)} checked={null} stopped />} />;
  }
  const output = (step.output ?? {}) as Partial<ValidationOutput>;
  return <StepCardFrame {...props} runningLabel="Checking…" body={() => <CheckList {...props} errors={output.errors ?? {}} rules={output.rules} checked={output.checked ?? null} />} />;
}

type CheckListProps = StepCardProps & { errors: Record<string, string[]>; rules?: RuleResult[]; checked: number | null; stopped?: boolean };

function CheckList(props: CheckListProps) {
  if (props.rules) return <RuleList {...props} rules={props.rules} />;
  return <ProblemList {...props} />;
}

function Summary({ failed, stopped }: { failed: number; stopped: boolean }) {
  const found = failed === 1 ? '1 problem' : `${failed} problems`;
  return <p className="checks-summary">{failed === 0 ? 'Every check passed.' : stopped ? `${found} found, so the workflow stopped here.` : `${found} found.`}</p>;
}

/** Every rule, passed or failed, with what it asks and (when it failed) why. */
function RuleList({ run, rules, stopped = false }: CheckListProps & { rules: RuleResult[] }) {
  return (
    <div className="checks">
      <Summary failed={rules.filter((r) => !r.passed).length} stopped={stopped} />
      <ul className="check-list">
        {rules.map((r, i) => (
          <li className={`check ${r.passed ? 'check-pass' : 'check-fail'}`} key={i}>
            <span className="check-mark" aria-hidden="true">{r.passed ? '✓' : '✕'}</span>
            <span className="sr-only">{r.passed ? 'Passed: ' : 'Failed: '}</span>
            <span>
              {r.field && <span className="check-field">{fieldLabel(run, r.field)}</span>}
              <span className="check-message">{r.passed ? r.rule : (r.problem ?? r.rule)}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProblemList({ run, errors, checked, stopped = false }: CheckListProps) {
  const problems = Object.entries(errors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
  // Rules report by field, so a failing rule is one message.
  const passed = checked === null ? null : Math.max(checked - problems.length, 0);
  return (
    <div className="checks">
      <Summary failed={problems.length} stopped={stopped} />
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
