import { formatNumber, humanize } from '../lib/format';
import { SafeMarkdown } from './SafeMarkdown';

/**
 * Any JSON value (an AI answer, a formula's outputs, a run's results) made readable: short values
 * as labelled rows, long text as markdown, lists as lists, nested objects under headings.
 */
export function StructuredValue({ value, name = '', level = 4 }: { value: unknown; name?: string; level?: number }) {
  if (Array.isArray(value)) return <StructuredList items={value} name={name} level={level} />;
  if (isRecord(value)) return <StructuredObject value={value} level={level} percent={isPercentKey(name)} />;
  if (typeof value === 'string' && !isShortText(value)) return <MarkdownText text={value} />;
  return <span className="sv-scalar">{formatScalar(value, name)}</span>;
}

export function StructuredObject({ value, level = 4, percent = false }: { value: Record<string, unknown>; level?: number; percent?: boolean }) {
  // The answer's summary leads as a paragraph; the rest keeps the order the schema gave it.
  const summary = typeof value.summary === 'string' ? value.summary : null;
  const entries = Object.entries(value).filter(([key]) => !key.startsWith('_') && !(summary !== null && key === 'summary'));
  const rows = entries.filter(([, v]) => isInline(v));
  const blocks = entries.filter(([, v]) => !isInline(v));
  const Heading = `h${Math.min(level, 6)}` as 'h4';
  return (
    <div className="sv-object">
      {summary !== null && <MarkdownText text={summary} lead />}
      {rows.length > 0 && (
        <dl className="kv">
          {rows.map(([key, v]) => (
            <div className="kv-row" key={key}>
              <dt>{labelFor(key, v)}</dt>
              <dd>{formatScalar(v, percent ? `${key}_pct` : key)}</dd>
            </div>
          ))}
        </dl>
      )}
      {blocks.map(([key, v]) => (
        <section className="sv-section" key={key}>
          <Heading className="sv-heading">{humanize(key)}</Heading>
          <StructuredValue value={v} name={key} level={level + 1} />
        </section>
      ))}
    </div>
  );
}

function StructuredList({ items, name, level }: { items: unknown[]; name: string; level: number }) {
  if (items.length === 0) return <p className="muted">None</p>;
  if (items.every((item) => !isRecord(item) && !Array.isArray(item))) {
    return (
      <ul className="sv-list">
        {items.map((item, i) => (
          <li key={i}>{typeof item === 'string' && !isShortText(item) ? <MarkdownText text={item} /> : formatScalar(item, name)}</li>
        ))}
      </ul>
    );
  }
  return (
    <ol className="sv-items">
      {items.map((item, i) => (
        <li className="sv-item" key={i}>
          <StructuredValue value={item} name={name} level={level} />
        </li>
      ))}
    </ol>
  );
}

/** Model-written text as markdown; raw HTML is dropped, never rendered. */
function MarkdownText({ text, lead = false }: { text: string; lead?: boolean }) {
  return (
    <div className={lead ? 'prose prose-lead' : 'prose'}>
      <SafeMarkdown text={text} />
    </div>
  );
}

/** Numbers formatted (percentages by the `_pct` naming the formulas use), codes humanized. */
export function formatScalar(value: unknown, key = ''): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return isPercentKey(key) ? `${formatNumber(value)}%` : formatNumber(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(value) ? humanize(value) : value;
  return JSON.stringify(value);
}

/** "savings_rate_pct" reads "Savings rate" once its value carries the % sign. */
const labelFor = (key: string, value: unknown) => humanize(typeof value === 'number' && isPercentKey(key) ? key.replace(/_(pct|percent)$/, '') : key);
const isPercentKey = (key: string) => /(_pct|_percent|percentage)$/.test(key);
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isShortText = (s: string) => s.length <= 80 && !/[\n*#`[]/.test(s);
const isInline = (v: unknown) => !isRecord(v) && !Array.isArray(v) && !(typeof v === 'string' && !isShortText(v));
