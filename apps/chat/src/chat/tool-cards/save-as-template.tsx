import { type ReactNode, useState } from 'react';
import { ErrorNote, InfoNote } from '../../cards/pieces';
import type { PlanView } from '../../cards/types';
import { errorMessage, trpc } from '../../lib/trpc';

/** "Monthly Budget: Review!" -> "monthly-budget-review", the slug a template key must be. */
export function templateKeyOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug || 'workflow';
}

/** Saves a plan's workflow definition as a template and keeps a note of how it went. */
export function useSaveAsTemplate(): { save(plan: PlanView): Promise<void>; note: ReactNode } {
  const utils = trpc.useUtils();
  const saveTemplate = trpc.templates.save.useMutation();
  const [note, setNote] = useState<ReactNode>(null);
  async function save(plan: PlanView): Promise<void> {
    setNote(null);
    try {
      const workflow = await utils.workflows.get.fetch({ id: plan.workflowId, ...(plan.version ? { version: plan.version } : {}) });
      const saved = await saveTemplate.mutateAsync({ key: templateKeyOf(plan.name), definition: workflow.definition });
      setNote(<InfoNote>Saved as the template “{saved.name}”. Everyone can now start from it in the Library.</InfoNote>);
    } catch (error) {
      setNote(<ErrorNote title="Could not save the template">{errorMessage(error)}</ErrorNote>);
    }
  }
  return { save, note };
}
