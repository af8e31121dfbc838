// Placeholder until the chat pane lands (being built in this change).
export function ChatPage() {
  return <div className="page"><h1>Chat</h1></div>;
}
