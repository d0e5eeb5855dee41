import type { Definition, List, ListItem, Nodes, Parent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { createElement, Fragment, type ReactNode } from 'react';

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

const SAFE_PROTOCOL = /^(https?|ircs?|mailto|xmpp)$/i;

/**
 * Relative addresses and the usual protocols pass; anything else (javascript:, data:,
 * vbscript:) becomes '' (the rule of micromark's sanitizer, without its encoding).
 */
export function defaultUrl(url: string): string {
  const colon = url.indexOf(':');
  const cut = [url.indexOf('?'), url.indexOf('#'), url.indexOf('/')].filter((i) => i !== -1);
  if (colon === -1 || cut.some((i) => colon > i) || SAFE_PROTOCOL.test(url.slice(0, colon))) return url;
  return '';
}

export const EXTERNAL_REL = 'noopener noreferrer nofollow';

interface Ctx {
  strict?: StrictLinks | undefined;
  definitions: Map<string, Definition>;
}

const normalizeLabel = (label: string) => label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();

function collectDefinitions(node: Nodes, out: Map<string, Definition>) {
  if (node.type === 'definition') {
    const id = normalizeLabel(node.identifier);
    if (!out.has(id)) out.set(id, node);
  }
  if ('children' in node) for (const c of node.children) collectDefinitions(c, out);
}

function children(node: Parent, ctx: Ctx, tight = false): ReactNode[] {
  return node.children.map((c, i) => render(c as Nodes, ctx, i, tight));
}

function link(href: string, title: string | null | undefined, body: ReactNode, ctx: Ctx, key: number): ReactNode {
  if (!ctx.strict) return createElement('a', { key, href: defaultUrl(href), title: title ?? undefined }, body);
  const url = strictUrl(href);
  if (!url) return createElement('span', { key }, body);
  return (
    <a key={key} href={url} target="_blank" rel={EXTERNAL_REL} data-external="">
      {body}
      <span className="external-marker"> {ctx.strict.external}</span>
    </a>
  );
}

// In strict mode no image is ever loaded: an http(s) image becomes a link to it, any
// other is dropped (its alternative text stays).
function image(src: string, alt: string | null | undefined, title: string | null | undefined, ctx: Ctx, key: number): ReactNode {
  if (!ctx.strict) return createElement('img', { key, src: defaultUrl(src), alt: alt ?? '', title: title ?? undefined });
  const url = strictUrl(src);
  if (url) {
    return (
      <a key={key} href={url} target="_blank" rel={EXTERNAL_REL} data-external="">
        {ctx.strict.image}
        {alt ? `: ${alt}` : ''}
        <span className="external-marker"> {ctx.strict.external}</span>
      </a>
    );
  }
  return alt ? <span key={key}>{alt}</span> : null;
}

function listItem(item: ListItem, list: List, ctx: Ctx, key: number): ReactNode {
  // A tight list's paragraphs are not wrapped in <p>, as CommonMark renders them.
  const tight = !(list.spread || item.spread);
  return <li key={key}>{children(item, ctx, tight)}</li>;
}

function render(node: Nodes, ctx: Ctx, key: number, tight = false): ReactNode {
  switch (node.type) {
    case 'root':
      return <Fragment key={key}>{children(node, ctx)}</Fragment>;
    case 'paragraph':
      return tight ? <Fragment key={key}>{children(node, ctx)}</Fragment> : <p key={key}>{children(node, ctx)}</p>;
    case 'heading':
      return createElement(`h${node.depth}`, { key }, children(node, ctx));
    case 'thematicBreak':
      return <hr key={key} />;
    case 'blockquote':
      return <blockquote key={key}>{children(node, ctx)}</blockquote>;
    case 'list':
      return createElement(
        node.ordered ? 'ol' : 'ul',
        { key, start: node.ordered && node.start != null && node.start !== 1 ? node.start : undefined },
        node.children.map((item, i) => listItem(item, node, ctx, i)),
      );
    case 'listItem':
      return <li key={key}>{children(node, ctx)}</li>;
    case 'code': {
      const lang = node.lang ? `language-${node.lang}` : undefined;
      return (
        <pre key={key}>
          <code className={lang}>{`${node.value}\n`}</code>
        </pre>
      );
    }
    case 'inlineCode':
      return <code key={key}>{node.value}</code>;
    case 'emphasis':
      return <em key={key}>{children(node, ctx)}</em>;
    case 'strong':
      return <strong key={key}>{children(node, ctx)}</strong>;
    case 'break':
      return (
        <Fragment key={key}>
          <br />
          {'\n'}
        </Fragment>
      );
    case 'text':
      return node.value;
    case 'link':
      return link(node.url, node.title, children(node, ctx), ctx, key);
    case 'image':
      return image(node.url, node.alt, node.title, ctx, key);
    case 'linkReference':
    case 'imageReference': {
      const def = ctx.definitions.get(normalizeLabel(node.identifier));
      if (!def) return <Fragment key={key}>{revert(node, ctx)}</Fragment>;
      return node.type === 'linkReference'
        ? link(def.url, def.title, children(node, ctx), ctx, key)
        : image(def.url, node.alt, def.title, ctx, key);
    }
    // Raw HTML is never rendered, and definitions show nowhere.
    default:
      return null;
  }
}

/** An undefined reference shows as the text it was written as, like CommonMark renders it. */
function revert(node: Extract<Nodes, { type: 'linkReference' | 'imageReference' }>, ctx: Ctx): ReactNode[] {
  const suffix = node.referenceType === 'collapsed' ? '[]' : node.referenceType === 'full' ? `[${node.label ?? node.identifier}]` : '';
  if (node.type === 'imageReference') return [`![${node.alt ?? ''}]${suffix}`];
  return ['[', ...children(node, ctx), `]${suffix}`];
}

/**
 * Renders Markdown (scenario summaries, briefings, situations; team messages), as
 * CommonMark: micromark parses it into a syntax tree, which becomes React elements here.
 * Raw HTML in the text is dropped and unsafe link protocols are removed, so no HTML from
 * a scenario file ever reaches the page. (A small renderer rather than react-markdown
 * and its unified/hast pipeline, which was the largest script of a participant's room.)
 *
 * With `strict` (text written by participants) only http(s) and mailto links survive,
 * each opens in a new tab with rel="noopener noreferrer nofollow" and a visible marker,
 * and images are never loaded: they become links (or their alternative text).
 */
export function Markdown({ children: text, strict }: { children: string; strict?: StrictLinks }) {
  const tree = fromMarkdown(text);
  const definitions = new Map<string, Definition>();
  collectDefinitions(tree, definitions);
  return <div className="markdown">{render(tree, { strict, definitions }, 0)}</div>;
}
