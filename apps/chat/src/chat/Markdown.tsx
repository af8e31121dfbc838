import ReactMarkdown, { type Components } from 'react-markdown';

// Links leave the app in a new tab; raw HTML in a reply is never rendered.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

/** The assistant's words as safe markdown: no raw HTML, unsafe URLs dropped by the default transform. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
