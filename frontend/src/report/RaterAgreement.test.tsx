import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { formatKappa, formatPercent, RaterAgreement, type Agreement } from './RaterAgreement';

const ana = { user_id: 11, name: 'Ana' };
const ben = { user_id: 12, name: 'Ben' };
const chen = { user_id: 14, name: 'Chen' };
const titles: Record<string, string> = { 'first-message': 'First message to the other State', 'comm-check': 'Communication check' };
const titleOf = (k: string) => titles[k] ?? k;

// The figures of the API test (backend/internal/httpapi/duties_test.go): two evaluators,
// 3 of 4 criteria alike, κ = 7/11.
const two: Agreement = {
  method: 'cohen',
  raters: [ana, ben],
  criteria: 4,
  percent: 75,
  kappa: 7 / 11,
  pairs: [{ a: ana, b: ben, items: 4, percent: 75, kappa: 7 / 11 }],
  differing: ['first-message'],
};

describe('inter-rater agreement on the report', () => {
  it('shows percentage agreement, Cohen’s kappa and the criteria scored differently', () => {
    render(<RaterAgreement agreement={two} titleOf={titleOf} />);
    expect(screen.getByText('Scored by Ana, Ben.')).toBeInTheDocument();
    expect(screen.getByText("Cohen's kappa")).toBeInTheDocument();
    expect(screen.getByTestId('agreement-percent')).toHaveTextContent('75%');
    expect(screen.getByTestId('agreement-kappa')).toHaveTextContent('0.64');
    expect(screen.getByTestId('agreement-differing')).toHaveTextContent('First message to the other State');
    expect(screen.queryByText('Each pair of facilitators')).toBeNull();
  });

  it('says "not defined" rather than a number when chance agreement is 1', () => {
    render(
      <RaterAgreement
        agreement={{ ...two, percent: 100, kappa: null, differing: [], pairs: [{ a: ana, b: ben, items: 2, percent: 100, kappa: null }] }}
        titleOf={titleOf}
      />,
    );
    expect(screen.getByTestId('agreement-kappa')).toHaveTextContent('not defined');
    expect(screen.getByText(/gave every criterion the same one score/)).toBeInTheDocument();
    expect(screen.getByText(/same score on every criterion/)).toBeInTheDocument();
  });

  it('names Light’s kappa for three facilitators and lists each pair', () => {
    const light: Agreement = {
      method: 'light',
      raters: [ana, ben, chen],
      criteria: 4,
      percent: 250 / 3,
      kappa: 7 / 9,
      pairs: [
        { a: ana, b: ben, items: 4, percent: 100, kappa: 1 },
        { a: ana, b: chen, items: 4, percent: 75, kappa: 2 / 3 },
        { a: ben, b: chen, items: 4, percent: 75, kappa: 2 / 3 },
      ],
      differing: ['comm-check'],
    };
    render(<RaterAgreement agreement={light} titleOf={titleOf} />);
    expect(screen.getByText('Light\'s kappa (mean over pairs)')).toBeInTheDocument();
    expect(screen.getByTestId('agreement-kappa')).toHaveTextContent('0.78');
    expect(screen.getByTestId('agreement-percent')).toHaveTextContent('83%');
    expect(screen.getByRole('rowheader', { name: 'Ana · Chen' })).toBeInTheDocument();
  });

  it('formats in the reader’s language', async () => {
    expect(formatKappa(7 / 11, 'ru', '—')).toBe('0,64');
    expect(formatKappa(null, 'ru', 'не определена')).toBe('не определена');
    expect(formatPercent(75, 'en')).toBe('75%');
    await i18n.changeLanguage('ru');
    try {
      render(<RaterAgreement agreement={{ ...two, kappa: null }} titleOf={titleOf} />);
      expect(screen.getByText('Каппа Коэна')).toBeInTheDocument();
      expect(screen.getByTestId('agreement-kappa')).toHaveTextContent('не определена');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
