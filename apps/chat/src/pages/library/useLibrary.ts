import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage, trpc } from '../../lib/trpc';
import type { WorkflowSummary } from './filterLibrary';
import { useDebouncedValue } from './useDebouncedValue';

/** Templates (filtered by category on the server, by search here), your workflows (both on the server) and the categories. */
export function useLibraryData(search: string, category: string) {
  const settledSearch = useDebouncedValue(search.trim());
  const categories = trpc.categories.list.useQuery(undefined, { staleTime: 5 * 60_000 });
  const templates = trpc.templates.list.useQuery(category ? { category } : {}, { placeholderData: keepPreviousData });
  const workflows = trpc.workflows.list.useQuery(
    { search: settledSearch || undefined, category: category || undefined, limit: 100 },
    { placeholderData: keepPreviousData },
  );
  return { categories, templates, workflows };
}

/** "Use this template", "Remove" (own templates) and "Run", with what each did per card (added, starting, failed). */
export function useLibraryActions() {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const [added, setAdded] = useState<Record<string, WorkflowSummary>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setError = (id: string, error: unknown) => setErrors((e) => ({ ...e, [id]: errorMessage(error) }));
  const clearError = (id: string) => setErrors(({ [id]: _gone, ...rest }) => rest);
  const [removeErrors, setRemoveErrors] = useState<Record<string, string>>({});

  const instantiate = trpc.templates.instantiate.useMutation();
  const start = trpc.executions.start.useMutation();
  const removeMine = trpc.templates.removeMine.useMutation();

  return {
    added,
    errors,
    removeErrors,
    usingId: instantiate.isPending ? instantiate.variables?.id : undefined,
    startingId: start.isPending ? start.variables?.workflowId : undefined,
    removingId: removeMine.isPending ? removeMine.variables?.id : undefined,
    addTemplate(templateId: string) {
      clearError(templateId);
      instantiate.mutate(
        { id: templateId },
        {
          onSuccess: (workflow) => {
            setAdded((a) => ({ ...a, [templateId]: workflow }));
            void utils.workflows.list.invalidate();
          },
          onError: (error) => setError(templateId, error),
        },
      );
    },
    removeTemplate(templateId: string) {
      setRemoveErrors(({ [templateId]: _gone, ...rest }) => rest);
      removeMine.mutate(
        { id: templateId },
        {
          onSuccess: () => void utils.templates.list.invalidate(),
          onError: (error) => setRemoveErrors((e) => ({ ...e, [templateId]: errorMessage(error) })),
        },
      );
    },
    run(workflowId: string) {
      clearError(workflowId);
      start.mutate(
        { workflowId },
        {
          onSuccess: (run) => {
            void utils.executions.list.invalidate();
            navigate(`/executions/${run.id}`);
          },
          onError: (error) => setError(workflowId, error),
        },
      );
    },
  };
}

export type LibraryActions = ReturnType<typeof useLibraryActions>;
