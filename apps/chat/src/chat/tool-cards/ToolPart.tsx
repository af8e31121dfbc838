import type { DynamicToolUIPart, ToolUIPart } from 'ai';
import { ErrorNote, Progress } from '../../cards/pieces';
import { useChatActions } from '../chat-actions';
import { ApprovalCard } from './ApprovalCard';
import { toolCards } from './index';
import type { ToolName } from './types';

/** One tool call in the conversation, by its state; what a finished call shows comes from `toolCards`. */
export function ToolPart({ name, part }: { name: ToolName; part: ToolUIPart | DynamicToolUIPart }) {
  const card = toolCards[name];
  const { respondToApproval } = useChatActions();
  switch (part.state) {
    case 'input-streaming':
    case 'input-available':
      return <Progress label={card.working} />;
    case 'approval-requested':
      return (
        <ApprovalCard
          what={card.approval(part.input)}
          onApprove={() => respondToApproval(part.approval.id, true)}
          onDeny={() => respondToApproval(part.approval.id, false)}
        />
      );
    case 'approval-responded':
      return <Progress label={part.approval.approved ? card.working : 'Noting your answer…'} />;
    case 'output-denied':
      return (
        <>
          <p className="tool-note muted">You declined: {card.approval(part.input).replace(/\.$/, '')}. Nothing was changed.</p>
          <card.Output toolCallId={part.toolCallId} input={part.input} output={undefined} />
        </>
      );
    case 'output-error':
      return <ErrorNote title="That did not work">{plainError(part.errorText)}</ErrorNote>;
    case 'output-available':
      return <card.Output toolCallId={part.toolCallId} input={part.input} output={part.output} />;
    default: {
      const never: never = part;
      return never;
    }
  }
}

/** Tool errors come from the server; a bare stack or JSON is not for people. */
function plainError(text: string): string {
  if (!text || /^\s*[{[]/.test(text) || /\bat .+:\d+:\d+/.test(text)) return 'The assistant could not finish this step; try again.';
  return text;
}
