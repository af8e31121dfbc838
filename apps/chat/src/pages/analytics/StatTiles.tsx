import type { ReactNode } from 'react';

/** Key numbers in a row of tiles (two per row on a phone). */
export function StatTiles({ tiles, label }: { tiles: { label: string; value: ReactNode; hint?: ReactNode }[]; label: string }) {
  return (
    <dl className="stat-tiles" aria-label={label}>
      {tiles.map((t) => (
        <div key={t.label} className="stat-tile">
          <dt>{t.label}</dt>
          <dd>
            <span className="stat-value">{t.value}</span>
            {t.hint && <span className="stat-hint">{t.hint}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
