// Placeholder until the page lands (being built in this change).
export function ExecutionPage() {
  return <div className="page"><h1>Execution</h1></div>;
}
