import { InfoNote, Progress } from '../cards/pieces';
import { useRunLive } from '../lib/live';
import { errorMessage, hasErrorCode, trpc } from '../lib/trpc';
import { ProgressView } from './ProgressView';
import type { RunControl } from './run-controls';

/** A run's progress, live, with the controls bound to executions.pause / resume / cancel. */
export function ProgressPanel({ runId }: { runId: string }) {
  const query = trpc.executions.get.useQuery({ id: runId });
  useRunLive(runId);
  const utils = trpc.useUtils();
  const refresh = () => utils.executions.get.invalidate({ id: runId });
  const pause = trpc.executions.pause.useMutation({ onSettled: refresh });
  const resume = trpc.executions.resume.useMutation({ onSettled: refresh });
  const cancel = trpc.executions.cancel.useMutation({ onSettled: refresh });
  const mutations: Record<RunControl, typeof pause> = { pause, resume, cancel };
  const failed = [pause, resume, cancel].find((m) => m.error);

  if (query.isPending) return <Progress label="Loading progress…" />;
  if (query.error) {
    return <InfoNote>{hasErrorCode(query.error, 'NOT_FOUND') ? 'This run cannot be found.' : errorMessage(query.error)}</InfoNote>;
  }
  return (
    <ProgressView
      run={query.data}
      busy={[pause, resume, cancel].some((m) => m.isPending)}
      error={failed?.error ? errorMessage(failed.error) : null}
      onControl={(control) => {
        for (const m of Object.values(mutations)) m.reset();
        mutations[control].mutate({ id: runId });
      }}
    />
  );
}
