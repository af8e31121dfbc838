import { describe, expect, it } from 'vitest';
import { detectPii, ibanValid, luhnValid } from './detectors';
import { PiiVault } from './vault';

const redact = (text: string) => new PiiVault().redact(text);

describe('personal data detectors', () => {
  it.each([
    ['dana.reyes+bills@example.co.uk', 'EMAIL'],
    ['+44 20 7946 0958', 'PHONE'],
    ['+1 (415) 555-0134', 'PHONE'],
    ['(415) 555-0134', 'PHONE'],
    ['415.555.0134', 'PHONE'],
    ['020 7946 0958', 'PHONE'],
    ['4111 1111 1111 1111', 'CARD'],
    ['5500-0000-0000-0004', 'CARD'],
    ['GB82 WEST 1234 5698 7654 32', 'IBAN'],
    ['DE89370400440532013000', 'IBAN'],
    ['078-05-1120', 'SSN'],
    ['AB 12 34 56 C', 'NATIONAL_ID'],
  ])('finds %s as %s', (value, kind) => {
    const text = `Details: ${value}. Thanks`;
    expect(detectPii(text)).toEqual([{ kind, start: 9, end: 9 + value.length }]);
  });

  it.each([
    ['account number 12345678', '[ACCOUNT_1]'],
    ['acct: 000123456789', '[ACCOUNT_1]'],
    ['routing number 021000021', '[ACCOUNT_1]'],
    ['sort code 12-34-56', '[ACCOUNT_1]'],
    ['{"account_number": "98765432"}', '{"account_number": "[ACCOUNT_1]"}'],
    ['phone: 5551234567', 'phone: [PHONE_1]'],
    ['SSN 078051120', 'SSN [SSN_1]'],
    ['account <untrusted source="profile.account_number">31926819</untrusted>', '>[ACCOUNT_1]</untrusted>'],
  ])('finds account numbers and ids by the words naming them: %s', (text, expected) => {
    expect(redact(text)).toContain(expected);
  });

  it.each([
    'Monthly income 5400, expenses 3,600.50 and a surplus of $1,800 (33.3%).',
    'Review on 2026-01-15 or 15/01/2026, retire in 2045 at 4% a year.',
    'Portfolio of 1,250,000 with 250000 in bonds; account balance 12000.',
    'Run 3f2b6c1e-8a4d-4c1b-9e2f-0d5a7b9c1e23 step budget_2 attempt 3, at 2026-11-26T16:27:50.123Z.',
    'Order 1234567812345678 is not a card (fails the Luhn check).',
    'GB00 WEST 1234 5698 7654 32 fails mod 97; 000-12-3456 and 666-12-3456 are never issued.',
  ])('leaves money, dates, percentages, years and ids alone: %s', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('gives the same value the same token within a call and restores the answer', () => {
    const vault = new PiiVault();
    const text = vault.redact('Mail ana@example.com, then ana@example.com again, or bo@example.org');
    expect(text).toBe('Mail [EMAIL_1], then [EMAIL_1] again, or [EMAIL_2]');
    expect(vault.restore('Wrote to [EMAIL_2] and [EMAIL_9]')).toBe('Wrote to bo@example.org and [EMAIL_9]');
  });

  it('checks cards with Luhn and IBANs with mod 97, trimming a following word', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('GB83WEST12345698765432')).toBe(false);
    expect(redact('Pay GB82 WEST 1234 5698 7654 32 THEN stop')).toBe('Pay [IBAN_1] THEN stop');
    expect(redact('card 4111111111111111 2026')).toBe('card [CARD_1] 2026');
  });
});
