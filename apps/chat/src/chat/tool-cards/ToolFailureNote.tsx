import { ErrorNote } from '../../cards/pieces';
import { humanize } from '../../lib/format';
import { isFailure } from './types';

/** A tool's `{ error }` output, in plain words, with the fields to fix. */
export function ToolFailureNote({ output }: { output: unknown }) {
  if (!isFailure(output)) return null;
  const fields = Object.entries(output.fieldErrors ?? {});
  return (
    <ErrorNote title="That did not work">
      <p>{output.error}</p>
      {fields.length > 0 && (
        <ul className="field-problems">
          {fields.map(([field, messages]) => (
            <li key={field}>
              {field === '_' ? 'The answers' : humanize(field)}: {messages.join(', ')}
            </li>
          ))}
        </ul>
      )}
    </ErrorNote>
  );
}
