import type { UIMessage } from 'ai';

/** The chat endpoints (plain HTTP, not tRPC): the thread list and one thread's messages. */

export interface ChatThread {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export const threadsKey = ['chat-threads'] as const;
export const threadKey = (id: string) => ['chat-thread', id] as const;

async function getJson<T>(url: string): Promise<T | null> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(await problemOf(res));
  return (await res.json()) as T;
}

async function problemOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  if (res.status === 401) return 'Your session ended; sign in again.';
  return body?.error ?? 'Something went wrong on our side; try again.';
}

export async function fetchThreads(): Promise<ChatThread[]> {
  return (await getJson<{ threads: ChatThread[] }>('/api/chats'))?.threads ?? [];
}

/** A thread's messages; an unknown id is a new, empty thread. */
export async function fetchThreadMessages(id: string): Promise<UIMessage[]> {
  return (await getJson<{ messages: UIMessage[] }>(`/api/chats/${encodeURIComponent(id)}`))?.messages ?? [];
}

/** useChat's errors carry the raw response text; people get its `error` or a plain sentence. */
export function chatErrorMessage(error: Error): string {
  const text = error.message ?? '';
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // Not JSON: a network or stream error.
  }
  if (/fetch|network|load failed/i.test(text)) return 'Cannot reach Stepwise. Check your connection and try again.';
  if (!text || text.length > 300) return 'The assistant ran into a problem; try again.';
  return text;
}

/** A new thread id; randomUUID needs a secure context, so plain-HTTP hosts get the same from random bytes. */
export function newThreadId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
