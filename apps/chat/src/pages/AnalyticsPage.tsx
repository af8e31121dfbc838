// Placeholder until the page lands (being built in this change).
export function AnalyticsPage() {
  return <div className="page"><h1>Analytics</h1></div>;
}
