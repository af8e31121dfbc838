import type { ReactNode } from 'react';

/** A page's title and one line about it, with optional controls on the right. */
export function PageHeader({ title, intro, children }: { title: string; intro: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
      </div>
      {children}
    </header>
  );
}
