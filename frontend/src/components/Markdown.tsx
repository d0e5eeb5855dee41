import ReactMarkdown, { type Components } from 'react-markdown';

/** Labels for {@link Markdown}'s strict mode (translated by the caller). */
export interface StrictLinks {
  /** Visible marker after every link, e.g. "(external)". */
  external: string;
  /** Text for an image that is shown as a link, e.g. "Image". */
  image: string;
}

const SAFE_URL = /^(https?:|mailto:)/i;

/** Keeps http(s) and mailto addresses only; anything else (javascript:, data:, relative) becomes ''. */
export function strictUrl(url: string): string {
  const u = url.trim();
  return SAFE_URL.test(u) ? u : '';
}

export const EXTERNAL_REL = 'noopener noreferrer nofollow';

function strictComponents(labels: StrictLinks): Components {
  return {
    a: ({ href, children }) =>
      href ? (
        <a href={href} target="_blank" rel={EXTERNAL_REL} data-external="">
          {children}
          <span className="external-marker"> {labels.external}</span>
        </a>
      ) : (
        <span>{children}</span>
      ),
    // No image is ever loaded: an http(s) image becomes a link to it, any other is dropped
    // (its alternative text stays).
    img: ({ src, alt }) =>
      typeof src === 'string' && src ? (
        <a href={src} target="_blank" rel={EXTERNAL_REL} data-external="">
          {labels.image}
          {alt ? `: ${alt}` : ''}
          <span className="external-marker"> {labels.external}</span>
        </a>
      ) : alt ? (
        <span>{alt}</span>
      ) : null,
  };
}

/**
 * Renders Markdown (scenario summaries, briefings, situations; team messages).
 * react-markdown builds React elements from the Markdown syntax tree: raw HTML in the
 * text is dropped (skipHtml) and unsafe link protocols are removed by its default URL
 * transform, so no HTML from a scenario file ever reaches the page.
 *
 * With `strict` (text written by participants) only http(s) and mailto links survive,
 * each opens in a new tab with rel="noopener noreferrer nofollow" and a visible marker,
 * and images are never loaded: they become links (or their alternative text).
 */
export function Markdown({ children, strict }: { children: string; strict?: StrictLinks }) {
  if (strict) {
    return (
      <div className="markdown">
        <ReactMarkdown skipHtml urlTransform={strictUrl} components={strictComponents(strict)}>
          {children}
        </ReactMarkdown>
      </div>
    );
  }
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </div>
  );
}
