import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SignedIn } from '../api/auth-helpers';

export type Chunk = { type: string; [key: string]: unknown };
export interface Message {
  id: string;
  role: string;
  parts: Array<{ type: string; [key: string]: unknown }>;
}

/** Talks to POST /api/chat like useChat does, and reads the UI message stream back as chunks. */
export function chatClient(baseUrl: string) {
  return {
    async chat(who: SignedIn | null, body: unknown) {
      const res = await fetch(`${baseUrl}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(who?.headers ?? {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const raw = await res.text();
      if (!res.headers.get('content-type')?.startsWith('text/event-stream')) return { res, chunks: [] as Chunk[], json: JSON.parse(raw) as { error: string } };
      const data = raw
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length));
      expect(data.at(-1)).toBe('[DONE]');
      return { res, chunks: data.slice(0, -1).map((d) => JSON.parse(d) as Chunk), json: null };
    },
    async getJson<T>(who: SignedIn | null, path: string): Promise<{ status: number; body: T }> {
      const res = await fetch(`${baseUrl}${path}`, { headers: who?.headers ?? {} });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

/** The first chunk of a type, typed as the test expects it. */
export const chunkOf = <T>(chunks: Chunk[], type: string) => chunks.find((c) => c.type === type) as unknown as T;

export const userMessage = (words: string): Message => ({ id: `u-${randomUUID()}`, role: 'user', parts: [{ type: 'text', text: words }] });
