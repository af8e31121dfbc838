import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { PiiVault } from './vault';

/** The longest token (`[NATIONAL_ID_9999]`): a held-back tail never grows past it. */
const MAX_TOKEN_LENGTH = 18;
/** A tail that may still become a token once the next chunk arrives. */
const PARTIAL_TOKEN = /\[[A-Z_]*\d*$/;

/**
 * Restores tokens in one streamed text (a text, reasoning or tool-input stream): a token split
 * across chunks (`[EM` + `AIL_1]`) is held back until it is complete.
 */
export class TokenRestorer {
  private pending = '';

  constructor(private readonly vault: PiiVault) {}

  push(delta: string): string {
    const text = this.pending + delta;
    const tail = PARTIAL_TOKEN.exec(text);
    const hold = tail && text.length - tail.index <= MAX_TOKEN_LENGTH ? tail.index : text.length;
    this.pending = text.slice(hold);
    return this.vault.restore(text.slice(0, hold));
  }

  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.vault.restore(rest);
  }
}

type DeltaPart = Extract<LanguageModelV3StreamPart, { type: 'text-delta' | 'reasoning-delta' | 'tool-input-delta' }>;
const DELTA_TYPES = new Set(['text-delta', 'reasoning-delta', 'tool-input-delta']);
const END_TYPES: Record<string, DeltaPart['type']> = { 'text-end': 'text-delta', 'reasoning-end': 'reasoning-delta', 'tool-input-end': 'tool-input-delta' };

/** A transform putting this call's tokens back into streamed text, tool inputs and tool calls. */
export function restoreStream(vault: PiiVault): TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart> {
  const restorers = new Map<string, { type: DeltaPart['type']; restorer: TokenRestorer }>();
  const release = (id: string, controller: TransformStreamDefaultController<LanguageModelV3StreamPart>) => {
    const open = restorers.get(id);
    if (!open) return;
    restorers.delete(id);
    const rest = open.restorer.flush();
    if (rest) controller.enqueue({ type: open.type, id, delta: rest } as DeltaPart);
  };
  return new TransformStream({
    transform(part, controller) {
      if (DELTA_TYPES.has(part.type)) {
        const { id, delta, type } = part as DeltaPart;
        let open = restorers.get(id);
        if (!open) restorers.set(id, (open = { type, restorer: new TokenRestorer(vault) }));
        const text = open.restorer.push(delta);
        if (text) controller.enqueue({ ...part, delta: text } as DeltaPart);
        return;
      }
      if (Object.hasOwn(END_TYPES, part.type)) release((part as { id: string }).id, controller);
      if (part.type === 'tool-call') return controller.enqueue({ ...part, input: vault.restore(part.input) });
      if (part.type === 'finish') for (const id of [...restorers.keys()]) release(id, controller);
      controller.enqueue(part);
    },
    flush(controller) {
      for (const id of [...restorers.keys()]) release(id, controller);
    },
  });
}
