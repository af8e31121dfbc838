// Placeholder until the page lands (being built in this change).
export function LibraryPage() {
  return <div className="page"><h1>Library</h1></div>;
}
