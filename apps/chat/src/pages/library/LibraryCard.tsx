import { type ReactNode, useId, useState } from 'react';

/** A template or a workflow of yours: what it is, what you can do with it, and its steps on demand. */
export function LibraryCard({ name, description, category, stepCount, badge, actions, notice, steps }: {
  name: string;
  description: string | null;
  category: string;
  stepCount: number;
  badge?: ReactNode;
  actions: ReactNode;
  /** A result of an action (added, failed to start), shown under the actions. */
  notice?: ReactNode;
  /** Rendered only once opened, so closed cards load nothing. */
  steps: () => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const stepsId = useId();
  return (
    <article className="lib-card" aria-labelledby={titleId}>
      <div className="lib-card-top">
        <span className="lib-chip">{category}</span>
        {badge}
      </div>
      <h3 className="lib-card-title" id={titleId}>
        {name}
      </h3>
      <p className="lib-card-desc">{description || 'No description.'}</p>
      <div className="lib-card-footer">
        <button type="button" className="lib-steps-toggle" aria-expanded={open} aria-controls={stepsId} onClick={() => setOpen(!open)}>
          {stepCount} {stepCount === 1 ? 'step' : 'steps'} <span aria-hidden="true">{open ? '▴' : '▾'}</span>
          <span className="sr-only">{open ? ', hide them' : ', show them'}</span>
        </button>
        <div className="lib-card-actions">{actions}</div>
      </div>
      {notice}
      <div id={stepsId} className="lib-card-steps" hidden={!open}>
        {open && steps()}
      </div>
    </article>
  );
}
