/**
 * Values in the user's words for a waiting form: "income 5000, expenses 3200", "my income is 5k",
 * "yes" for a confirmation. Field names come from the form's JSON Schema, never invented.
 */

type Properties = Record<string, Record<string, unknown>>;

/** Words that say nothing about which field is meant. */
const FILLER = new Set(['monthly', 'month', 'per', 'total', 'amount', 'my', 'your', 'the', 'a', 'of', 'in', 'current', 'annual', 'yearly', 'value', 'i', 'have', 'this', 'is']);

const stem = (word: string) => word.toLowerCase().replace(/(ies)$/, 'y').replace(/(?<=[a-z]{3})s$/, '');

function keywords(name: string, property: Record<string, unknown>): string[] {
  const title = typeof property.title === 'string' ? property.title : '';
  const words = `${name.replace(/_/g, ' ')} ${title}`.toLowerCase().match(/[a-z]+/g) ?? [];
  return [...new Set(words.filter((w) => !FILLER.has(w)).map(stem))];
}

const NUMBER = /(?<![\w.])[-]?\$?\s?\d+(?:\.\d+)?\s?(?:k|m|million|thousand|%)?(?![\w])/gi;

/** "5k" -> 5000, "1.5m" -> 1500000, "$1200" -> 1200, "7%" -> 7. */
function parseAmount(raw: string): number | null {
  const m = /(-)?\$?\s?(\d+(?:\.\d+)?)\s?(k|m|million|thousand|%)?/i.exec(raw.replace(/,/g, ''));
  if (!m) return null;
  const scale = { k: 1_000, thousand: 1_000, m: 1_000_000, million: 1_000_000 }[(m[3] ?? '').toLowerCase()] ?? 1;
  const value = Number(m[2]) * scale * (m[1] ? -1 : 1);
  return Number.isFinite(value) ? value : null;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const YES = /\b(yes|yeah|yep|ok(ay)?|sure|true|confirm(ed)?|done|got it|i have read|i('ve| have) seen|acknowledged?)\b/i;
const NO = /\b(no|nope|false|not)\b/i;

/**
 * The form answers found in the text (only fields of the schema). Numbers go to the field named
 * nearest before them in the same clause; unnamed numbers fill the remaining fields in form order.
 */
export function valuesFromText(text: string, properties: Properties): Record<string, unknown> {
  // Ids ("start workflow 36a4…-4256-…") are not amounts: their digits must not fill a form.
  const normalized = text.replace(UUID, ' ').replace(/(\d),(?=\d{3}\b)/g, '$1');
  const clauses = normalized.split(/[;\n]|,\s*|\s+and\s+|\s+then\s+/i).filter((c) => c.trim());
  const fields = Object.entries(properties).map(([name, property]) => ({ name, property, keys: keywords(name, property) }));
  const numeric = fields.filter((f) => f.property.type === 'number' || f.property.type === 'integer');
  const out: Record<string, unknown> = {};
  const unnamed: number[] = [];

  for (const clause of clauses) {
    const words = (clause.toLowerCase().match(/[a-z]+/g) ?? []).map(stem);
    const amounts = [...clause.matchAll(NUMBER)].map((m) => parseAmount(m[0])).filter((n): n is number => n !== null);
    if (amounts.length === 0) continue;
    const scored = numeric
      .filter((f) => !(f.name in out))
      .map((f) => ({ f, score: f.keys.filter((k) => words.includes(k)).length / Math.max(1, f.keys.length) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score);
    const best = scored[0]?.f;
    if (best) out[best.name] = best.property.type === 'integer' ? Math.round(amounts[0]!) : amounts[0]!;
    else unnamed.push(...amounts);
  }
  for (const field of numeric) {
    if (field.name in out || unnamed.length === 0) continue;
    const value = unnamed.shift()!;
    out[field.name] = field.property.type === 'integer' ? Math.round(value) : value;
  }

  const booleans = fields.filter((f) => f.property.type === 'boolean');
  for (const field of booleans) {
    const named = field.keys.some((k) => normalized.toLowerCase().includes(k));
    // A lone confirmation ("yes", "ok, got it") answers a form whose only question is a yes/no.
    if (!named && booleans.length !== 1) continue;
    if (YES.test(normalized) && !/\bnot\b/i.test(normalized)) out[field.name] = true;
    else if (NO.test(normalized)) out[field.name] = false;
  }

  for (const field of fields.filter((f) => f.property.type === 'string')) {
    for (const key of field.keys) {
      const m = new RegExp(`\\b${key}s?(?:\\s+(?:is|are)\\b|\\s*[=:])\\s*([^,;\\n]+)`, 'i').exec(normalized);
      if (m?.[1]) {
        out[field.name] = m[1].trim();
        break;
      }
    }
  }
  return out;
}
