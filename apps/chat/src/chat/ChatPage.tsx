import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ErrorNote, PageLoading } from '../cards/pieces';
import { ProgressPanel } from '../run/ProgressPanel';
import { fetchThreadMessages, newThreadId, threadKey } from './chat-api';
import { Conversation } from './Conversation';
import { ThreadList } from './ThreadList';

/** /chat starts a new thread; /chat/:threadId shows one (restored from the server, or new). */
export function ChatPage() {
  const { threadId } = useParams();
  if (!threadId) return <Navigate to={`/chat/${newThreadId()}`} replace />;
  return <ChatThreadPage key={threadId} threadId={threadId} />;
}

function ChatThreadPage({ threadId }: { threadId: string }) {
  const navigate = useNavigate();
  // Always read fresh: the conversation must come back exactly as the server last saved it.
  const thread = useQuery({ queryKey: threadKey(threadId), queryFn: () => fetchThreadMessages(threadId), staleTime: Infinity, gcTime: 0, retry: 1 });
  const [runId, setRunId] = useState<string | null>(null);
  const [threadsOpen, setThreadsOpen] = useState(false);
  const [progressOpen, setProgressOpen] = useState(false);

  return (
    <div className={`chat-layout${runId ? ' with-progress' : ''}`}>
      <aside className="chat-threads" data-open={threadsOpen}>
        <button type="button" className="btn btn-sm panel-toggle" aria-expanded={threadsOpen} onClick={() => setThreadsOpen((o) => !o)}>
          Chats
        </button>
        <div className="panel-body">
          <ThreadList onNewChat={() => navigate(`/chat/${newThreadId()}`)} onPicked={() => setThreadsOpen(false)} />
        </div>
      </aside>
      <div className="chat-main">
        {thread.isPending && <PageLoading label="Loading the conversation" />}
        {thread.error && (
          <ErrorNote title="Could not load this conversation">
            <p>{thread.error.message}</p>
            <button type="button" className="btn btn-sm" onClick={() => void thread.refetch()}>
              Try again
            </button>
          </ErrorNote>
        )}
        {thread.data && <Conversation threadId={threadId} initialMessages={thread.data} onActiveRun={setRunId} />}
      </div>
      {runId && (
        <aside className="chat-progress" aria-label="Run progress" data-open={progressOpen}>
          <button type="button" className="btn btn-sm panel-toggle" aria-expanded={progressOpen} onClick={() => setProgressOpen((o) => !o)}>
            {progressOpen ? 'Hide progress' : 'Show progress'}
          </button>
          <div className="panel-body">
            <ProgressPanel runId={runId} />
          </div>
        </aside>
      )}
    </div>
  );
}
