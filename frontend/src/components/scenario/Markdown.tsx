import ReactMarkdown from 'react-markdown';

/**
 * Renders scenario Markdown (summaries, briefings, situations). react-markdown builds
 * React elements from the Markdown syntax tree: raw HTML in the text is dropped
 * (skipHtml) and unsafe link protocols are removed by its default URL transform, so no
 * HTML from a scenario file ever reaches the page.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </div>
  );
}
