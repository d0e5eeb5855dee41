import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../i18n';
import { autonym, ReportLanguage } from './ReportLanguage';

describe('the language of the report', () => {
  it('names each language in itself', () => {
    expect(autonym('ru')).toBe('Русский');
    expect(autonym('fr')).toBe('Français');
    expect(autonym('de')).toBe('Deutsch');
  });

  it('offers the languages the scenario has and asks for the one chosen', async () => {
    const onChange = vi.fn();
    render(<ReportLanguage languages={['en', 'ru']} value="en" onChange={onChange} />);
    const select = await screen.findByLabelText('Scenario texts in');
    expect([...(select as HTMLSelectElement).options].map((o) => [o.value, o.text, o.lang])).toEqual([
      ['en', 'English', 'en'],
      ['ru', 'Русский', 'ru'],
    ]);
    fireEvent.change(select, { target: { value: 'ru' } });
    expect(onChange).toHaveBeenCalledWith('ru');
  });

  it('is not shown for a scenario in one language', () => {
    const { container } = render(<ReportLanguage languages={['en']} value="en" onChange={() => {}} />);
    expect(container).toBeEmptyDOMElement();
  });
});
