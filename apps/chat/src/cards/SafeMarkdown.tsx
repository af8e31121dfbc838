import ReactMarkdown, { type Components } from 'react-markdown';

// Links leave the app in a new tab; images are never fetched: a model-written image URL could carry
// data out in its query string, so it shows as its words only.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="md-image">{alt ? `[image: ${alt}]` : '[image]'}</span>,
};

/** Model-written text as safe markdown: raw HTML skipped, unsafe URLs dropped, no images loaded. */
export function SafeMarkdown({ text }: { text: string }) {
  return (
    <ReactMarkdown skipHtml components={components}>
      {text}
    </ReactMarkdown>
  );
}
