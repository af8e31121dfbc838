import { SafeMarkdown } from '../cards/SafeMarkdown';

/** The assistant's words as safe markdown (no raw HTML, no unsafe URLs, no images fetched). */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <SafeMarkdown text={text} />
    </div>
  );
}
