import { describe, expect, it } from 'vitest';
import { accessibilityProblems } from './a11y';
import { screenshot, signUp, uniqueEmail, useE2E } from './harness';
import { fillBudget, formCard, planCard, reviewButtons, runIdOf, say, startBudgetRun, submitForm, BUDGET_GOAL } from './journey-steps';

const e2eOf = useE2E('chat');

const stepRows = async (runId: string) =>
  (
    await e2eOf().db.pool.query<{ step_id: string; step_type: string; status: string; attempt: number; feedback: string | null }>(
      'select step_id, step_type, status, attempt, feedback from workflow_step_executions where execution_id = $1 order by created_at, attempt',
      [runId],
    )
  ).rows;
const runStatus = (runId: string) => e2eOf().runStatus(runId);

describe('the chat journey in a real browser (built-in model, real server and PostgreSQL)', () => {
  it('goal -> plan -> Start -> form -> AI result -> Reject with feedback -> new result -> Accept -> completed', async () => {
    const { page } = await e2eOf().newUser();
    const J = 'journey';
    await signUp(page, uniqueEmail('ada'));
    await screenshot(page, J, '01-empty-chat');
    await say(page, BUDGET_GOAL);
    const plan = await planCard(page);
    expect(await plan.textContent()).toMatch(/income/i);
    expect(await plan.getByRole('img').count()).toBeGreaterThan(0); // the graph of the steps
    await screenshot(page, J, '02-plan-card');

    await plan.getByRole('button', { name: 'Start', exact: true }).click();
    const form = formCard(page);
    await form.waitFor();
    await screenshot(page, J, '03-form-card');
    expect(await accessibilityProblems(page)).toEqual([]);
    const runId = await runIdOf(page);
    await fillBudget(form, '4200', '4500');
    await submitForm(form);

    const review = reviewButtons(page);
    await review.accept.waitFor();
    await screenshot(page, J, '04-ai-result');
    expect(await accessibilityProblems(page)).toEqual([]);
    const first = await page.locator('section.card').filter({ has: review.accept }).last().textContent();
    await review.reject.click();
    await page.getByLabel(/What should change/).fill('Focus on subscriptions and eating out');
    await page.getByRole('button', { name: 'Send & retry' }).click();
    // The new result replaces the old one: attempt 2, answering the feedback.
    await expect.poll(() => page.getByText(/Attempt 2/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await review.accept.waitFor();
    await screenshot(page, J, '05-ai-result-retried');
    const second = await page.locator('section.card').filter({ has: review.accept }).last().textContent();
    expect(second).not.toEqual(first);
    expect(second).toContain('Focus on subscriptions and eating out');

    await review.accept.click();
    await expect.poll(() => runStatus(runId), { timeout: 15_000 }).toBe('completed');
    await expect.poll(() => page.getByText('Workflow complete').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: 'Accept', exact: true }).count()).toBe(0);
    await screenshot(page, J, '06-completed-summary');

    // What the database holds matches what the person did: two AI attempts, the second with the feedback.
    const rows = await stepRows(runId);
    const ai = rows.filter((r) => r.step_type === 'ai_generated');
    expect(ai.map((r) => r.attempt)).toEqual([1, 2]);
    expect(ai[1]!.feedback).toBe('Focus on subscriptions and eating out');
    expect(rows.filter((r) => r.step_type === 'data_collection').map((r) => r.status)).toEqual(['completed']);
  });

  it('after a reload mid-run the conversation, the waiting form and the progress come back, and the run carries on', async () => {
    const { page } = await e2eOf().newUser();
    await signUp(page, uniqueEmail('reload'));
    await startBudgetRun(page);
    const runId = await runIdOf(page);
    const before = await page.locator('.chat-progress').textContent();
    await page.reload();
    const form = formCard(page);
    await form.waitFor();
    expect(await page.getByText(BUDGET_GOAL).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.chat-progress').textContent()).toBe(before);
    await screenshot(page, 'reload', 'restored');
    await fillBudget(form, '5000', '3000');
    await submitForm(form);
    await reviewButtons(page).accept.click();
    await expect.poll(() => runStatus(runId), { timeout: 15_000 }).toBe('completed');
  });

  it('Pause and Resume from the progress panel', async () => {
    const { page } = await e2eOf().newUser();
    await signUp(page, uniqueEmail('pause'));
    await startBudgetRun(page);
    const runId = await runIdOf(page);
    const panel = page.getByRole('complementary', { name: 'Run progress' });
    await panel.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => runStatus(runId)).toBe('paused');
    await expect.poll(() => panel.locator('[data-status="paused"]').count()).toBeGreaterThan(0);
    expect(await panel.getByRole('button', { name: 'Pause' }).isDisabled()).toBe(true);
    await screenshot(page, 'pause', 'paused');
    await panel.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => runStatus(runId)).toBe('waiting_for_input');
    await expect.poll(() => panel.locator('[data-status="waiting_for_input"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'pause', 'resumed');
  });

  it('invalid form input shows the field message and saves nothing', async () => {
    const { page } = await e2eOf().newUser();
    await signUp(page, uniqueEmail('invalid'));
    await startBudgetRun(page);
    const runId = await runIdOf(page);
    const form = formCard(page);
    await fillBudget(form, '-250', '3000');
    await submitForm(form);
    const invalid = form.locator('[aria-invalid="true"]');
    await expect.poll(() => invalid.count()).toBeGreaterThan(0);
    expect(await form.textContent()).toMatch(/at least 0|must be >= 0|greater/i);
    await screenshot(page, 'invalid', 'field-message');
    const rows = await stepRows(runId);
    expect(rows.find((r) => r.step_type === 'data_collection')?.status).toBe('waiting');
    expect(rows.some((r) => r.step_type === 'calculation' && r.status === 'completed')).toBe(false);
    expect(await runStatus(runId)).toBe('waiting_for_input');
  });

  it('a second user sees none of the first user\'s runs or chats', async () => {
    const ada = await e2eOf().newUser();
    await signUp(ada.page, uniqueEmail('owner'));
    await startBudgetRun(ada.page);
    const runId = await runIdOf(ada.page);
    const threadUrl = ada.page.url();

    const bob = await e2eOf().newUser();
    await signUp(bob.page, uniqueEmail('other'));
    await bob.page.goto('/executions');
    await expect.poll(() => bob.page.locator('.empty').count()).toBeGreaterThan(0);
    expect(await bob.page.locator(`a[href="/executions/${runId}"]`).count()).toBe(0);
    await bob.page.goto(`/executions/${runId}`);
    await expect.poll(() => bob.page.getByText(/no run of yours/i).count()).toBeGreaterThan(0);
    expect(await bob.page.getByText(/income/i).count()).toBe(0);
    await screenshot(bob.page, 'isolation', 'foreign-run');
    await bob.page.goto(new URL(threadUrl).pathname);
    await bob.page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await bob.page.getByText(BUDGET_GOAL).count()).toBe(0);
  });
});
