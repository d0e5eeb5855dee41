import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleTabs, type ConsoleTab } from './ConsoleTabs';

/** A panel with a field of its own, to see whether what was typed survives a switch. */
function Draft({ label }: { label: string }) {
  const [text, setText] = useState('');
  return (
    <label>
      {label}
      <input value={text} onChange={(e) => setText(e.target.value)} />
    </label>
  );
}

const tabs = (over: Partial<Record<string, Partial<ConsoleTab>>> = {}): ConsoleTab[] =>
  [
    { key: 'injects', label: 'Injects', panel: <p>The timeline</p> },
    { key: 'requests', label: 'Requests', panel: <p>Open requests</p> },
    { key: 'notes', label: 'Notes', panel: <Draft label="Note" /> },
  ].map((t) => ({ ...t, ...over[t.key] }));

const show = (list: ConsoleTab[] = tabs(), defaultKey = 'injects', storageKey = 'tab.5') =>
  render(<ConsoleTabs tabs={list} label="Console panels" storageKey={storageKey} defaultKey={defaultKey} />);

const tab = (name: RegExp | string) => screen.getByRole('tab', { name });

afterEach(() => sessionStorage.clear());

describe('the console tabs', () => {
  it('follow the tabs pattern: one tab stop, panels named by their tabs, the others hidden', () => {
    show();
    expect(screen.getByRole('tablist', { name: 'Console panels' })).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    expect(tab('Injects')).toHaveAttribute('aria-selected', 'true');
    const panel = screen.getByRole('tabpanel', { name: 'Injects' });
    expect(panel).toHaveTextContent('The timeline');
    expect(tab('Injects')).toHaveAttribute('aria-controls', panel.id);
    // The other panels are in the page, hidden.
    expect(screen.getByText('Open requests')).not.toBeVisible();
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
  });

  it('move with the arrow keys, Home and End, and wrap around', async () => {
    const user = userEvent.setup();
    show();
    await user.click(tab('Injects'));
    await user.keyboard('{ArrowRight}');
    expect(tab('Requests')).toHaveFocus();
    expect(tab('Requests')).toHaveAttribute('aria-selected', 'true');
    expect(tab('Requests').tabIndex).toBe(0);
    expect(tab('Injects').tabIndex).toBe(-1);
    expect(screen.getByText('Open requests')).toBeVisible();
    expect(screen.getByText('The timeline')).not.toBeVisible();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(tab('Injects')).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(tab('Notes')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(tab('Injects')).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{End}');
    expect(tab('Notes')).toHaveAttribute('aria-selected', 'true');
    // Tab leaves the tablist for the panel.
    await user.tab();
    expect(screen.getByRole('tabpanel', { name: 'Notes' })).toHaveFocus();
  });

  it('keep what a panel holds when another tab is shown', async () => {
    const user = userEvent.setup();
    show();
    await user.click(tab('Notes'));
    await user.type(screen.getByLabelText('Note'), 'Valdoria is slow to answer');
    await user.click(tab('Injects'));
    await user.click(tab('Notes'));
    expect(screen.getByLabelText('Note')).toHaveValue('Valdoria is slow to answer');
  });

  it('remember the chosen tab per exercise for the session', async () => {
    const user = userEvent.setup();
    const first = show();
    await user.click(tab('Requests'));
    first.unmount();
    show();
    expect(tab('Requests')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Open requests')).toBeVisible();
  });

  it('start on the default tab in another exercise, and when the remembered tab is not there', () => {
    sessionStorage.setItem('tab.5', 'log'); // the log stands beside the tabs on a wide screen
    const a = show();
    expect(tab('Injects')).toHaveAttribute('aria-selected', 'true');
    a.unmount();
    sessionStorage.setItem('tab.5', 'notes');
    show(tabs(), 'requests', 'tab.6');
    expect(tab('Requests')).toHaveAttribute('aria-selected', 'true');
  });

  it('show what needs attention on the tab, in words for screen readers', () => {
    show(tabs({ requests: { count: 2, countLabel: '2 open requests' }, notes: { count: 0, countLabel: 'none' } }));
    expect(tab('Requests (2 open requests)')).toBeInTheDocument();
    expect(screen.getByTestId('tab-count-requests')).toHaveTextContent('2');
    expect(tab('Notes')).toBeInTheDocument();
    expect(screen.queryByTestId('tab-count-notes')).toBeNull();
  });
});
