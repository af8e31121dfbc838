import type { Locator, Page } from 'playwright-core';

/** What a person does in the chat, in the words of the UI (labels and button names). */

export const BUDGET_GOAL = 'Give me advice on my budget after I enter my income and expenses';

export async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** The plan card of the newest generated workflow, once the assistant has designed it. */
export async function planCard(page: Page): Promise<Locator> {
  const card = page.locator('section.card').filter({ has: page.getByRole('button', { name: 'Start', exact: true }) }).last();
  await card.waitFor();
  return card;
}

/** The form card waiting for input: a form with a submit button (its label comes from the step). */
export function formCard(page: Page): Locator {
  return page.locator('form').filter({ has: page.locator('button[type="submit"]') }).filter({ hasNot: page.getByRole('textbox', { name: 'Message' }) }).last();
}

export const submitForm = (form: Locator) => form.locator('button[type="submit"]').click();

export function reviewButtons(page: Page) {
  return { accept: page.getByRole('button', { name: 'Accept', exact: true }).last(), reject: page.getByRole('button', { name: 'Reject & retry' }).last() };
}

export async function fillBudget(form: Locator, income: string, expenses: string): Promise<void> {
  await form.getByLabel(/income/i).first().fill(income);
  await form.getByLabel(/expenses/i).first().fill(expenses);
}

/** The execution id from the run card's link to its page. */
export async function runIdOf(page: Page): Promise<string> {
  const href = await page.locator('a[href^="/executions/"]').last().getAttribute('href');
  const id = href?.split('/').pop();
  if (!id) throw new Error('no run link in the chat');
  return id;
}

/** Sign up, describe the goal, Start it: the form card is waiting. */
export async function startBudgetRun(page: Page): Promise<void> {
  await say(page, BUDGET_GOAL);
  const plan = await planCard(page);
  await plan.getByRole('button', { name: 'Start', exact: true }).click();
  await formCard(page).waitFor();
}
