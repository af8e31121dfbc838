import { describe, expect, it } from 'vitest';
import { type A11yProblem, accessibilityProblems } from './a11y';
import { screenshot, signUp, uniqueEmail, useE2E } from './harness';
import { formCard, planCard, reviewButtons, runIdOf, say, startBudgetRun, submitForm } from './journey-steps';

const e2eOf = useE2E('gallery');

const runStatus = (runId: string) => e2eOf().runStatus(runId);

/** Describe a goal, Start the plan, fill its first form: the journey every gallery run begins with. */
async function runGoal(page: import('playwright-core').Page, goal: string, values: Record<string, string>) {
  await say(page, goal);
  await (await planCard(page)).getByRole('button', { name: 'Start', exact: true }).click();
  const form = formCard(page);
  await form.waitFor();
  const runId = await runIdOf(page);
  for (const [label, value] of Object.entries(values)) await form.getByLabel(new RegExp(label, 'i')).first().fill(value);
  await submitForm(form);
  return runId;
}

describe('live views and every card state in a real browser', () => {
  it('a step completed through the API updates the open chat and the execution page live; accepting on the page finishes the chat', async () => {
    const { context, page: chat } = await e2eOf().newUser();
    await signUp(chat, uniqueEmail('live'));
    await startBudgetRun(chat);
    const runId = await runIdOf(chat);
    const detail = await context.newPage();
    await detail.goto(`/executions/${runId}`);
    await formCard(detail).waitFor();

    // The API, with the same session: neither page is reloaded.
    const { rows } = await e2eOf().db.pool.query("select step_id from workflow_step_executions where execution_id = $1 and status = 'waiting'", [runId]);
    const res = await context.request.post('/trpc/executions.submitInput', { data: { id: runId, stepId: rows[0].step_id, data: { income: 5200, expenses: 3100 } } });
    expect(res.ok()).toBe(true);
    await reviewButtons(chat).accept.waitFor();
    await reviewButtons(detail).accept.waitFor();
    await screenshot(detail, 'gallery', 'execution-page-review');
    await reviewButtons(detail).accept.click();
    await expect.poll(() => runStatus(runId)).toBe('completed');
    // The chat was not touched: the review card gives way to the summary by itself.
    await expect.poll(() => chat.getByText('Workflow complete').count()).toBeGreaterThan(0);
    await expect.poll(() => chat.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(0);
    await screenshot(detail, 'gallery', 'execution-page-completed');
    await screenshot(chat, 'gallery', 'chat-completed-live');
  });

  it('decision, validation, failed and cancelled cards, and the pages, at desktop and phone width', async () => {
    const { page } = await e2eOf().newUser();
    await signUp(page, uniqueEmail('gallery'));

    // A decision that takes the warning branch (surplus 200 < 500).
    const decided = await runGoal(page, 'ask for my income, expenses and savings goal, then if the surplus is under 500 warn me', { income: '3000', expenses: '2800', 'savings goal': '400' });
    // Saved as a personal template from the plan card: the Library lists it as the person's own.
    await page.getByRole('button', { name: 'Save as template' }).first().click();
    await page.getByText(/Saved to your templates/).waitFor();
    // The decision card's body (the branch taken), not the word "Decision" the plan card already shows.
    await expect.poll(() => page.locator('section.card .decision').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('section.card').filter({ hasText: /surplus < 500|surplus\.surplus/ }).count()).toBeGreaterThan(0);
    await screenshot(page, 'gallery', 'decision-card');
    expect(await runStatus(decided)).not.toBe('failed');

    // A validation that fails: age 15 passes the form but not the check (18 to 100).
    await page.getByRole('button', { name: /New chat/ }).click();
    const failed = await runGoal(page, 'Collect my age and income; make sure my age is between 18 and 100', { age: '15', income: '2000' });
    await expect.poll(() => runStatus(failed)).toBe('failed');
    await expect.poll(() => page.locator('[data-status="failed"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'gallery', 'validation-failed-and-summary');

    // Cancelled from the progress panel, through the confirmation dialog.
    await page.getByRole('button', { name: /New chat/ }).click();
    await startBudgetRun(page);
    const cancelled = await runIdOf(page);
    const panel = page.getByRole('complementary', { name: 'Run progress' });
    await panel.getByRole('button', { name: 'Cancel' }).click();
    const dialog = page.getByRole('dialog');
    await screenshot(page, 'gallery', 'cancel-dialog');
    await dialog.getByRole('button', { name: 'Cancel the run' }).click();
    await expect.poll(() => runStatus(cancelled)).toBe('cancelled');
    await expect.poll(() => page.locator('[data-status="cancelled"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'gallery', 'cancelled-summary');

    // Every page, and the chat with its cards, passes axe-core's WCAG A/AA checks (no serious or critical problem).
    const problems: Record<string, A11yProblem[]> = { chat: await accessibilityProblems(page) };
    for (const [path, heading] of [['/library', 'Library'], ['/executions', 'History'], ['/analytics', 'Analytics'], [`/executions/${decided}`, null]] as const) {
      await page.goto(path);
      if (heading) await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      if (heading) await screenshot(page, 'gallery', `page-${heading.toLowerCase()}`);
      problems[path] = await accessibilityProblems(page);
    }
    expect(Object.fromEntries(Object.entries(problems).filter(([, list]) => list.length > 0))).toEqual({});
    await page.goto('/library');
    await expect.poll(() => page.locator('.lib-yours').count()).toBe(1);
    // History lists the three runs of this person with their outcomes.
    await page.goto('/executions');
    await expect.poll(() => page.locator('a[href^="/executions/"]').count()).toBeGreaterThanOrEqual(3);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/executions/${decided}`);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'gallery', 'phone-execution-page');
    await page.goto('/chat');
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await screenshot(page, 'gallery', 'phone-chat');
  });
});
