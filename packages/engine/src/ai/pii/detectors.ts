/**
 * Finds personal data in text: emails, phone numbers, card numbers (Luhn), IBANs (mod 97), US SSNs,
 * UK National Insurance numbers and bank account numbers (by the words or JSON keys naming them).
 * Deliberately narrow: money, dates, percentages, years and ids must reach the model untouched.
 */

export type PiiKind = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'SSN' | 'NATIONAL_ID' | 'ACCOUNT';

export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
}

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  /** The capture group holding the value (0: the whole match). */
  group?: number;
  /** Checksums and shape checks that a regex alone cannot make; may shorten the value. */
  accept?: (value: string) => string | null;
}

const digitsOf = (value: string) => value.replace(/\D/g, '');

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const n = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of n) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** A number written in groups may run into the next word or number: the longest prefix that checks out. */
const longestValidPrefix = (check: (value: string) => boolean) => (candidate: string): string | null => {
  const groups = candidate.split(/(?<=[^\s-])(?=[\s-])/);
  for (let n = groups.length; n > 0; n--) {
    const value = groups.slice(0, n).join('');
    if (check(value)) return value;
  }
  return null;
};

const acceptIban = longestValidPrefix(ibanValid);

const acceptCard = longestValidPrefix((value) => {
  const digits = digitsOf(value);
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
});

/** Area 000, 666 and 9xx, group 00 and serial 0000 are never issued. */
function acceptSsn(value: string): string | null {
  const [area, group, serial] = [value.slice(0, 3), value.slice(4, 6), value.slice(7)];
  return area === '000' || area === '666' || area.startsWith('9') || group === '00' || serial === '0000' ? null : value;
}

const acceptPhone = (value: string): string | null => {
  const n = digitsOf(value).length;
  return n >= 9 && n <= 15 ? value : null;
};

const acceptAccount = (value: string): string | null => {
  const n = digitsOf(value).length;
  return n >= 6 && n <= 20 ? value.trim() : null;
};

/** Our prompts fence form values (`account <untrusted source="x">123</untrusted>`): the word still names the value. */
const FENCE_OPEN = String.raw`(?:<untrusted source="[^"]*">)?`;
const ACCOUNT_WORDS = String.raw`(?:account|acct|a\/c|routing|sort[ -]?code|bsb|aba)(?:\s*(?:number|num|no\.?|#))?`;
const ACCOUNT_KEYS = String.raw`(?:bank_?)?(?:account|acct)(?:_?(?:number|num|no))?|routing(?:_?number)?|sort_?code`;

const DETECTORS: Detector[] = [
  { kind: 'EMAIL', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  { kind: 'IBAN', pattern: /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{1,4}){3,8}\b/g, accept: acceptIban },
  { kind: 'CARD', pattern: /(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d.,]\d)/g, accept: acceptCard },
  { kind: 'SSN', pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g, accept: acceptSsn },
  // UK National Insurance number: two letters (never BG, GB, NK, KN, TN, NT, ZZ), six digits, A-D.
  {
    kind: 'NATIONAL_ID',
    pattern: /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
  },
  // International (+44 20 7946 0958), North American ((415) 555-0134, 415.555.0134) and UK national (020 7946 0958) forms.
  { kind: 'PHONE', pattern: /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\d])/g, accept: acceptPhone },
  { kind: 'PHONE', pattern: /(?<![\w.-])(?:\(\d{3}\) ?|\d{3}[.-])\d{3}[.-]\d{4}(?![\w.-]?\d)/g, accept: acceptPhone },
  { kind: 'PHONE', pattern: /(?<![\w.,-])0\d{2,4} \d{3,4} ?\d{3,4}(?![\w.,-]?\d)/g, accept: acceptPhone },
  { kind: 'PHONE', pattern: new RegExp(String.raw`\b(?:phone|tel|telephone|mobile|cell)\b\W{0,3}${FENCE_OPEN}(\+?\d[\d ().-]{7,}\d)`, 'gi'), group: 1, accept: acceptPhone },
  { kind: 'SSN', pattern: new RegExp(String.raw`\b(?:ssn|social security(?: number)?)\b\W{0,3}${FENCE_OPEN}(\d{9})\b`, 'gi'), group: 1 },
  { kind: 'ACCOUNT', pattern: new RegExp(String.raw`\b${ACCOUNT_WORDS}\s*(?:is|:|=|#)?\s*${FENCE_OPEN}(\d[\d -]{4,}\d)\b`, 'gi'), group: 1, accept: acceptAccount },
  { kind: 'ACCOUNT', pattern: new RegExp(String.raw`"(?:${ACCOUNT_KEYS})"\s*:\s*"?(\d[\d -]{4,}\d)\b`, 'gi'), group: 1, accept: acceptAccount },
];

/** Whether a JSON key names an account number (its whole value is then personal data). */
const ACCOUNT_KEY = new RegExp(`^(?:${ACCOUNT_KEYS})$`, 'i');
export const isAccountKey = (key: string): boolean => ACCOUNT_KEY.test(key);

/** Every piece of personal data in the text, earlier detectors winning overlaps, in order of position. */
export function detectPii(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  const overlaps = (start: number, end: number) => found.some((m) => start < m.end && m.start < end);
  for (const { kind, pattern, group = 0, accept } of DETECTORS) {
    for (const match of text.matchAll(pattern)) {
      const raw = match[group];
      if (!raw) continue;
      const value = accept ? accept(raw) : raw;
      if (!value) continue;
      const start = match.index + match[0].indexOf(raw);
      const end = start + value.length;
      if (!overlaps(start, end)) found.push({ kind, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
