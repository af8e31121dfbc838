/** PostgreSQL jsonb and text refuse some JSON that JavaScript accepts: keep it out at the door. */
export const MAX_JSON_DEPTH = 64;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL's jsonb would refuse `value` (too deep, NUL or lone surrogates in strings), or null. */
export function jsonStorageProblem(value: unknown): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '(root)' }];
  const badText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: v, depth, path } = item;
    if (typeof v === 'string') {
      if (badText(v)) return `${path} contains a NUL character or an unpaired surrogate; remove it`;
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_JSON_DEPTH) return `${path} is nested more than ${MAX_JSON_DEPTH} levels deep`;
      for (const [key, child] of Object.entries(v)) {
        const at = Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}`;
        if (badText(key)) return `${path} has a key with a NUL character or an unpaired surrogate; rename it`;
        stack.push({ value: child, depth: depth + 1, path: at });
      }
    }
  }
  return null;
}
