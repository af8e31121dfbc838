// Contract stub: the completed / failed / cancelled summary (filled in this change).
import type { ExecutionView } from '../lib/types';

export function RunSummaryCard(_props: { run: ExecutionView }) {
  return null;
}
