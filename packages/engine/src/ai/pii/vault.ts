import { detectPii, type PiiKind } from './detectors';

/** `[EMAIL_1]`, `[CARD_2]`: what the model sees in place of a value. */
export const TOKEN = /\[(?:EMAIL|PHONE|CARD|IBAN|SSN|NATIONAL_ID|ACCOUNT)_\d{1,4}\]/g;

/**
 * The tokens of one model call: the same value always gets the same token, and the model's answer
 * gets the values back. Lives only as long as the call; values are never logged.
 */
export class PiiVault {
  private readonly tokens = new Map<string, string>();
  private readonly values = new Map<string, string>();
  private readonly counts = new Map<PiiKind, number>();

  /** The token for a value, minting `[KIND_n]` the first time it is seen. */
  tokenFor(kind: PiiKind, value: string): string {
    const key = `${kind}:${value}`;
    const known = this.tokens.get(key);
    if (known) return known;
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const token = `[${kind}_${n}]`;
    this.tokens.set(key, token);
    this.values.set(token, value);
    return token;
  }

  /** The text with every piece of personal data replaced by its token. */
  redact(text: string): string {
    const matches = detectPii(text);
    if (matches.length === 0) return text;
    let out = '';
    let at = 0;
    for (const m of matches) {
      out += text.slice(at, m.start) + this.tokenFor(m.kind, text.slice(m.start, m.end));
      at = m.end;
    }
    return out + text.slice(at);
  }

  /**
   * The text with this call's tokens put back; unknown tokens stay as they are. The values hold no
   * quotes or backslashes (the detectors never match them), so restoring inside JSON text is safe.
   */
  restore(text: string): string {
    return text.replace(TOKEN, (token) => this.values.get(token) ?? token);
  }

  get size(): number {
    return this.values.size;
  }
}
