import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../i18n';
import { ReportDownloads } from './ReportDownloads';

describe('the report files', () => {
  it('offers the PDF and the Word file in the language shown', async () => {
    render(<ReportDownloads id={12} lang="ru" />);
    const pdf = await screen.findByRole('link', { name: 'PDF: download the report' });
    expect(pdf).toHaveAttribute('href', '/api/v1/exercises/12/report.pdf?lang=ru');
    expect(pdf).toHaveAttribute('download');
    expect(screen.getByRole('link', { name: 'Word: download the report (.docx)' })).toHaveAttribute(
      'href',
      '/api/v1/exercises/12/report.docx?lang=ru',
    );
  });
});
