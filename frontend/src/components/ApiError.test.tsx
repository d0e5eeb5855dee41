import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError as ApiFailure } from '../api/client';
import { ApiError, apiErrorText } from './ApiError';

const invalid = new ApiFailure(422, 'invalid', 'Check the form.', { name: 'Give a name.', code: 'Use 8 letters.' });

describe('apiErrorText', () => {
  it('puts the field messages after the server’s message, instead of it, or leaves them out', () => {
    expect(apiErrorText(invalid)).toBe('Check the form. Give a name. Use 8 letters.');
    expect(apiErrorText(invalid, 'instead')).toBe('Give a name. Use 8 letters.');
    expect(apiErrorText(invalid, 'none')).toBe('Check the form.');
  });
  it('gives the message alone when the server names no field, and any other error’s message', () => {
    expect(apiErrorText(new ApiFailure(409, 'already_released', 'Already released.'), 'instead')).toBe('Already released.');
    expect(apiErrorText(new Error('Network down'))).toBe('Network down');
    expect(apiErrorText('odd')).toBe('odd');
  });
});

describe('ApiError', () => {
  it('announces the reason, and shows nothing without an error', () => {
    const { rerender } = render(<ApiError error={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(<ApiError error={invalid} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Check the form. Give a name. Use 8 letters.');
  });
});
