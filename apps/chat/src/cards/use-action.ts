import { useCallback, useState } from 'react';

/**
 * A button's server call: busy while it runs, the error when it rejects. `run` resolves to
 * whether it succeeded, so callers can reset their own state only after a success.
 */
export function useAction<Args extends unknown[]>(action: (...args: Args) => unknown) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(
    async (...args: Args): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );

  const reset = useCallback(() => setError(null), []);
  return { run, busy, error, reset };
}
