import { Link } from 'react-router';
import { EmptyState } from '../cards/pieces';

export function NotFoundPage() {
  return (
    <div className="page">
      <EmptyState title="There is nothing at this address" action={<Link className="btn btn-primary" to="/chat">Go to the chat</Link>}>
        The link may be old, or the page may belong to another account.
      </EmptyState>
    </div>
  );
}
