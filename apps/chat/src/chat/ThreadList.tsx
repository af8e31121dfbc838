import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { ErrorNote } from '../cards/pieces';
import { fetchThreads, threadsKey } from './chat-api';

/** The person's conversations, newest first, and a way to begin another. */
export function ThreadList({ onNewChat, onPicked }: { onNewChat: () => void; onPicked?: () => void }) {
  const threads = useQuery({ queryKey: threadsKey, queryFn: fetchThreads });
  return (
    <nav className="thread-list" aria-label="Conversations">
      <button type="button" className="btn btn-primary btn-block" onClick={onNewChat}>
        <span aria-hidden="true">+</span> New chat
      </button>
      {threads.isPending && <p className="muted thread-hint">Loading your chats…</p>}
      {threads.error && <ErrorNote title="Could not load your chats">{threads.error.message}</ErrorNote>}
      {threads.data?.length === 0 && <p className="muted thread-hint">Your conversations will appear here.</p>}
      {threads.data && threads.data.length > 0 && (
        <ul>
          {threads.data.map((t) => (
            <li key={t.id}>
              <NavLink to={`/chat/${t.id}`} className={({ isActive }) => `thread-link${isActive ? ' active' : ''}`} onClick={onPicked} title={t.title}>
                {t.title}
              </NavLink>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
