import { describe, expect, it } from 'vitest';
import { PASSWORD, screenshot, signUp, uniqueEmail, useE2E } from './harness';

const e2eOf = useE2E('auth');

describe('sign-up and sign-in in the browser', () => {
  it('sends a signed-out visitor to sign in, and back to the page they wanted after signing up', async () => {
    const { page } = await e2eOf().newUser();
    await page.goto('/executions');
    await page.waitForURL(/\/sign-in\?next=%2Fexecutions/);
    await screenshot(page, 'auth', 'sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(/\/sign-up\?next=/);
    await page.getByLabel('Email').fill(uniqueEmail('visitor'));
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The password rule is shown next to the field; nothing is created.
    await expect.poll(() => page.getByText('Use at least 12 characters').isVisible()).toBe(true);
    await screenshot(page, 'auth', 'sign-up-error');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/executions$/);
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
  });

  it('signs out, refuses a wrong password in plain words, and signs back in', async () => {
    const { page } = await e2eOf().newUser();
    const email = uniqueEmail('returning');
    await signUp(page, email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email or password is wrong');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/chat/);
    await expect.poll(() => page.getByText(email).isVisible()).toBe(true);
  });
});
