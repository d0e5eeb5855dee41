import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isolate } from './Bidi';

describe('isolate', () => {
  it('puts each value of a sentence inside <bdi>, wherever the translation places it', () => {
    const rlo = '\u202eVictor';
    const { container } = render(
      <p>{isolate((v) => `${v.by} acknowledged after ${v.after} — by ${v.by}`, { by: rlo, after: '3 s' })}</p>,
    );
    const bdis = [...container.querySelectorAll('bdi')].map((b) => b.textContent);
    expect(bdis).toEqual([rlo, '3 s', rlo]);
    expect(container.textContent).toBe(`${rlo} acknowledged after 3 s — by ${rlo}`);
  });

  it('keeps an element value as it is, and text around it', () => {
    const { container } = render(
      <p>
        {isolate((v) => `От ${v.from}: ${v.subject}`, {
          from: (
            <>
              <bdi>Esterra</bdi> (<bdi>Елена</bdi>)
            </>
          ),
          subject: 'https://example.org/' + 'a'.repeat(10),
        })}
      </p>,
    );
    expect(container.innerHTML).toBe('<p>От <bdi>Esterra</bdi> (<bdi>Елена</bdi>): <bdi>https://example.org/aaaaaaaaaa</bdi></p>');
  });
});
