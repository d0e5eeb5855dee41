import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown, strictUrl } from '../../components/Markdown';

const strict = { external: '(external)', image: 'Image' };

describe('Markdown in strict mode (message bodies)', () => {
  it('marks links as external, opening in a new tab without referrer or opener', () => {
    const { container } = render(<Markdown strict={strict}>{'See [the advisory](https://cert.example/adv-1).'}</Markdown>);
    const a = container.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://cert.example/adv-1');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(a.textContent).toBe('the advisory (external)');
  });

  it('drops unsafe addresses and raw HTML, and never loads images', () => {
    const { container } = render(
      <Markdown strict={strict}>
        {[
          '[click](javascript:window.__xss=1)',
          '<img src=x onerror="window.__xss=1">',
          '<script>window.__xss=1</script>',
          '![x](javascript:window.__xss=1)',
          '![logo](https://evil.example/p.png)',
          '[rel](/api/v1/auth/logout)',
        ].join('\n\n')}
      </Markdown>,
    );
    expect(container.querySelectorAll('img, script, iframe')).toHaveLength(0);
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://evil.example/p.png']);
    expect(container.textContent).toContain('click');
    expect(container.textContent).toContain('Image: logo (external)');
    for (const el of container.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
    }
  });

  it('keeps http(s) and mailto only', () => {
    expect(strictUrl('https://a.example')).toBe('https://a.example');
    expect(strictUrl('mailto:x@y.example')).toBe('mailto:x@y.example');
    expect(strictUrl(' JavaScript:alert(1)')).toBe('');
    expect(strictUrl('data:text/html,x')).toBe('');
    expect(strictUrl('/relative')).toBe('');
  });
});
