import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HandbookTools, handbookURL } from './HandbookTools';

const teams = [
  { key: 'halvena', name: 'Republic of Halvena' },
  { key: 'marrovia', name: 'Federal Republic of Marrovia' },
];

describe('HandbookTools', () => {
  it('offers the guide as PDF and Word and a manual per team', () => {
    render(<HandbookTools id="grid" version={3} teams={teams} languages={['en']} />);
    expect(screen.getByRole('link', { name: 'Facilitator guide (PDF)' })).toHaveAttribute('href', '/api/v1/scenarios/grid/guide.pdf?version=3');
    expect(screen.getByRole('link', { name: 'Facilitator guide (Word)' })).toHaveAttribute('href', '/api/v1/scenarios/grid/guide.docx?version=3');
    const manual = screen.getByRole('link', { name: 'Situation manual (PDF)' });
    expect(manual).toHaveAttribute('href', '/api/v1/scenarios/grid/manual/halvena.pdf?version=3');
    fireEvent.change(screen.getByLabelText('Situation manual for'), { target: { value: 'marrovia' } });
    expect(manual).toHaveAttribute('href', '/api/v1/scenarios/grid/manual/marrovia.pdf?version=3');
    expect(manual).toHaveAttribute('download', 'grid-manual-marrovia.pdf');
    expect(screen.queryByLabelText('Language of the documents')).not.toBeInTheDocument();
  });

  it('prints in another of the scenario languages, named in their own language', () => {
    render(<HandbookTools id="grid" version={3} teams={teams} languages={['en', 'ru']} />);
    const select = screen.getByLabelText('Language of the documents');
    expect(screen.getByRole('option', { name: 'Русский' })).toHaveAttribute('lang', 'ru');
    fireEvent.change(select, { target: { value: 'ru' } });
    expect(screen.getByRole('link', { name: 'Facilitator guide (Word)' })).toHaveAttribute(
      'href',
      '/api/v1/scenarios/grid/guide.docx?version=3&lang=ru',
    );
    expect(screen.getByRole('link', { name: 'Situation manual (PDF)' })).toHaveAttribute('download', 'grid-manual-halvena-ru.pdf');
  });

  it('escapes the team key in the address', () => {
    expect(handbookURL('a b', 1, `manual/${encodeURIComponent('x/y')}.pdf`)).toBe('/api/v1/scenarios/a%20b/manual/x%2Fy.pdf?version=1');
  });
});
