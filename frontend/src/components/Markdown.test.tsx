import { render } from '@testing-library/react';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

// The room's renderer against react-markdown (the renderer it replaced, kept for this
// test): the same CommonMark gives the same HTML.
const SAMPLES: Record<string, string> = {
  headings: '# Title\n\n## Situation\n\nText under it.\n\nSetext\n======',
  emphasis: 'A *light* and **strong** word, `code`, and a line  \nbreak; a soft\nbreak.',
  lists: '- one\n- two\n  - nested\n- three\n\n1. first\n2. second\n\n3. spread\n\n4. list',
  startAt: '5. five\n6. six',
  quote: '> Esterra’s CERT:\n> we see the outage too.\n\n---\n\nAfter the rule.',
  code: '```yaml\nid: x\n```\n\n    indented',
  links: 'See [the advisory](https://cert.example/adv "Advisory") and <https://osce.org>, [ref][r] and [missing][nope].\n\n[r]: https://ref.example',
  unsafe: '[x](javascript:alert(1)) ![i](data:image/png;base64,AA) [rel](/relative) <b>bold</b> <script>alert(1)</script>',
  image: '![Map of the grid](https://img.example/map.png "Grid")',
  escapes: '\\*not emphasis\\* &amp; &copy; &#35;',
};

describe('Markdown', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`renders ${name} as react-markdown does`, () => {
      const ours = render(<Markdown>{text}</Markdown>).container.innerHTML;
      const theirs = render(
        <div className="markdown">
          <ReactMarkdown skipHtml>{text}</ReactMarkdown>
        </div>,
      ).container.innerHTML;
      // Only the line breaks between elements may differ.
      const squeeze = (html: string) => html.replace(/\n(?=<)|(?<=>)\n/g, '');
      expect(squeeze(ours)).toBe(squeeze(theirs));
    });
  }
});
