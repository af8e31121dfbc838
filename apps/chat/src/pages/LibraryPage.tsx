import { useId, useState } from 'react';
import { ErrorNote, PageLoading } from '../cards/pieces';
import { PageHeader } from '../layout/PageHeader';
import { errorMessage } from '../lib/trpc';
import { categoryOptions } from './library/filterLibrary';
import { MyWorkflows, Templates } from './library/LibrarySections';
import { useLibraryActions, useLibraryData } from './library/useLibrary';

export function LibraryPage() {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const { categories, templates, workflows } = useLibraryData(search, category);
  const actions = useLibraryActions();
  const searchId = useId();
  const categoryId = useId();
  return (
    <div className="page">
      <PageHeader title="Library" intro="Ready-made workflows for investing and planning, and the ones you saved." />
      <div className="toolbar" role="search">
        <div className="field toolbar-search">
          <label htmlFor={searchId}>Search</label>
          <input id={searchId} type="search" placeholder="Budget, retirement, tax…" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field toolbar-select">
          <label htmlFor={categoryId}>Category</label>
          <select id={categoryId} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">All categories</option>
            {categoryOptions(categories.data ?? []).map((c) => (
              <option key={c.name} value={c.name}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <section className="lib-section" aria-labelledby="mine-title">
        <h2 id="mine-title">My workflows</h2>
        {workflows.isLoading ? (
          <PageLoading label="Loading your workflows" />
        ) : workflows.error ? (
          <ErrorNote title="Your workflows could not be loaded">{errorMessage(workflows.error)}</ErrorNote>
        ) : (
          <MyWorkflows workflows={workflows.data?.items ?? []} actions={actions} searching={search.trim() !== '' || category !== ''} />
        )}
      </section>

      <section className="lib-section" aria-labelledby="templates-title">
        <h2 id="templates-title">Templates</h2>
        {templates.isLoading ? (
          <PageLoading label="Loading templates" />
        ) : templates.error ? (
          <ErrorNote title="The templates could not be loaded">{errorMessage(templates.error)}</ErrorNote>
        ) : (
          <Templates templates={templates.data ?? []} search={search.trim()} actions={actions} />
        )}
      </section>
    </div>
  );
}
