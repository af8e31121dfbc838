import { type ReactNode, useState } from 'react';
import { ErrorNote, InfoNote } from '../../cards/pieces';
import type { PlanView } from '../../cards/types';
import { errorMessage, trpc } from '../../lib/trpc';

/** Saves a plan's workflow as one of the user's own templates and keeps a note of how it went. */
export function useSaveAsTemplate(): { save(plan: PlanView): Promise<void>; note: ReactNode } {
  const utils = trpc.useUtils();
  const saveMine = trpc.templates.saveMine.useMutation();
  const [note, setNote] = useState<ReactNode>(null);
  async function save(plan: PlanView): Promise<void> {
    setNote(null);
    try {
      await saveMine.mutateAsync({ workflowId: plan.workflowId });
      await utils.templates.list.invalidate();
      setNote(<InfoNote>Saved to your templates - find it in the Library.</InfoNote>);
    } catch (error) {
      setNote(<ErrorNote title="Could not save the template">{errorMessage(error)}</ErrorNote>);
    }
  }
  return { save, note };
}
