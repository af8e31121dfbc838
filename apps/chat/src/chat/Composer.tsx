import { type KeyboardEvent, type RefObject, useId, useLayoutEffect } from 'react';

export interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: (text: string) => void;
  onStop: () => void;
  /** The assistant is answering: Stop replaces Send and Enter waits. */
  streaming: boolean;
  inputRef?: RefObject<HTMLTextAreaElement | null>;
}

/** Where the person writes: Enter sends, Shift+Enter breaks the line, Stop ends a reply early. */
export function Composer({ value, onChange, onSend, onStop, streaming, inputRef }: ComposerProps) {
  const id = useId();
  const hintId = useId();
  const submit = () => {
    const text = value.trim();
    if (!text || streaming) return;
    onSend(text);
  };
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter while composing (IME) picks a candidate; it must not send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }
  // The box grows with its text, up to the height the stylesheet allows.
  useLayoutEffect(() => {
    const box = inputRef?.current;
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${box.scrollHeight}px`;
  }, [value, inputRef]);
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Message
      </label>
      <textarea
        id={id}
        ref={inputRef}
        className="composer-input"
        rows={1}
        value={value}
        placeholder="Message Stepwise…"
        aria-describedby={hintId}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id={hintId} className="sr-only">
        Enter sends, Shift+Enter starts a new line.
      </span>
      {streaming ? (
        <button type="button" className="btn composer-button" onClick={onStop}>
          <span aria-hidden="true">■</span> Stop
        </button>
      ) : (
        <button type="submit" className="btn btn-primary composer-button" disabled={!value.trim()}>
          Send
        </button>
      )}
    </form>
  );
}

export const SUGGESTIONS = ['Help me rebalance my portfolio', 'Onboard me and find my risk profile', 'Plan my monthly budget'];

/** Ways to begin, on an empty thread. */
export function Suggestions({ onPick }: { onPick: (text: string) => void }) {
  return (
    <div className="chat-welcome">
      <h1>What would you like to do?</h1>
      <p className="muted">Describe a goal and I will turn it into a step-by-step workflow you can run, pause and review.</p>
      <ul className="chips" aria-label="Suggestions">
        {SUGGESTIONS.map((text) => (
          <li key={text}>
            <button type="button" className="chip" onClick={() => onPick(text)}>
              {text}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
