import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUp, uniqueEmail, useE2E } from '../e2e/harness';
import { fillBudget, formCard, runIdOf, startBudgetRun, submitForm } from '../e2e/journey-steps';

const e2eOf = useE2E('csp');

/** Every CSP violation the page reports (console and securitypolicyviolation events). */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  // Runs in the browser: a string, so the test's TypeScript needs no DOM types.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI))`);
  return violations;
}

describe('the built chat UI under its Content-Security-Policy', () => {
  it('chat, a form, live updates and every page work without a single CSP violation', async () => {
    const { page } = await e2eOf().newUser();
    const violations = await watchViolations(page);
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));

    const response = await page.goto('/sign-in');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await signUp(page, uniqueEmail('csp'));
    await expect.poll(() => sockets.some((url) => url.includes('/socket.io/'))).toBe(true);
    // The chat streams from /api/chat; the form validates its JSON Schema in the browser.
    await startBudgetRun(page);
    const runId = await runIdOf(page);
    await fillBudget(formCard(page), '5200', '3100');
    await submitForm(formCard(page));
    await expect.poll(() => e2eOf().runStatus(runId), { timeout: 20_000 }).not.toBe('waiting_for_input');

    for (const path of ['/library', '/executions', `/executions/${runId}`, '/analytics']) {
      await page.goto(path);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    }
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
});
