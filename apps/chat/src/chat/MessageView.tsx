import { getToolName, isToolUIPart, type UIMessage } from 'ai';
import { Markdown } from './Markdown';
import { ToolPart } from './tool-cards/ToolPart';
import { isToolName } from './tool-cards/types';

type Part = UIMessage['parts'][number];

/** One turn: the person's words in a bubble, or the assistant's words with its cards inline. */
export function MessageView({ message }: { message: UIMessage }) {
  if (message.role === 'user') {
    const text = message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
    return (
      <div className="msg msg-user">
        <h2 className="sr-only">You said</h2>
        <div className="bubble">{text}</div>
      </div>
    );
  }
  return (
    <div className="msg msg-assistant">
      <span className="msg-avatar" aria-hidden="true">
        S
      </span>
      <div className="msg-body">
        <h2 className="sr-only">Stepwise said</h2>
        {message.parts.map((part, i) => (
          <PartView key={isToolUIPart(part) ? part.toolCallId : `${message.id}-${i}`} part={part} />
        ))}
      </div>
    </div>
  );
}

function PartView({ part }: { part: Part }) {
  if (part.type === 'text') return part.text.trim() ? <Markdown text={part.text} /> : null;
  if (!isToolUIPart(part)) return null;
  const name = getToolName(part);
  return isToolName(name) ? <ToolPart name={name} part={part} /> : null;
}

/** The assistant is thinking: three dots, and words for screen readers. */
export function TypingIndicator() {
  return (
    <div className="msg msg-assistant" data-testid="typing">
      <span className="msg-avatar" aria-hidden="true">
        S
      </span>
      <div className="typing" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
    </div>
  );
}
