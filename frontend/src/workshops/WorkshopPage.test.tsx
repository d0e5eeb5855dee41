import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Workshop } from '../exercise/api';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';

afterEach(() => vi.unstubAllGlobals());

const admin = makeUser();
const lena = makeUser({ id: 2, email: 'lena@example.org', name: 'Lena', role: 'facilitator' });
const carl = makeUser({ id: 3, email: 'carl@example.org', name: 'Carl', role: 'facilitator' });
const eva = makeUser({ id: 4, email: 'eva@example.org', name: 'Eva', role: 'facilitator' });

const base: Workshop = {
  id: 7,
  title: 'Vienna workshop',
  host_organisation: 'OSCE',
  place: 'Vienna',
  starts_on: '2026-11-27',
  ends_on: '2026-11-28',
  language: 'en',
  participants: [],
  classification: '',
  organiser: '',
  facilitator_ids: [2, 3],
  staff: [
    { user_id: 2, duty: 'lead' },
    { user_id: 3, duty: 'controller' },
  ],
  attribution: null,
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-01T10:00:00Z',
};

/** Serves the workshop and records each PATCH body, answering with the patched workshop. */
function serve(start: Workshop) {
  let w = start;
  const patches: Record<string, unknown>[] = [];
  mockFetch({
    'GET /api/v1/workshops/7': () => jsonResponse(200, { workshop: w, exercises: [] }),
    'GET /api/v1/users': () => jsonResponse(200, { users: [admin, lena, carl, eva] }),
    'GET /api/v1/scenarios': () => jsonResponse(200, { scenarios: [] }),
    'PATCH /api/v1/workshops/7': (_url, init) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      patches.push(body);
      if (body.attributed_results === true && String(body.attribution_reason ?? '').length < 10) {
        return jsonResponse(422, {
          error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { attribution_reason: 'Say why.' } },
        });
      }
      w = {
        ...w,
        staff: (body.staff as Workshop['staff']) ?? w.staff,
        attribution:
          body.attributed_results === true
            ? { reason: String(body.attribution_reason), by: 'Ana', at: '2026-11-27T09:30:00Z' }
            : body.attributed_results === false
              ? null
              : w.attribution,
        updated_at: '2026-11-27T09:30:00Z',
      };
      return jsonResponse(200, { workshop: w });
    },
  });
  return patches;
}

describe('the workshop page', () => {
  it('lets an admin set what the documents print, and shows it to facilitators', async () => {
    const patches = serve(base);
    const { unmount } = renderApp('/workshops/7', { user: admin, csrf_token: 't' });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Documents' });
    await user.type(within(form).getByRole('textbox', { name: 'Classification line' }), 'For workshop participants only');
    await user.type(within(form).getByRole('textbox', { name: 'Organiser' }), 'OSCE Transnational Threats Department');
    await user.click(within(form).getByRole('button', { name: 'Save document settings' }));
    expect(await within(form).findByText('Saved')).toBeInTheDocument();
    expect(patches).toEqual([
      { classification: 'For workshop participants only', place: 'Vienna', organiser: 'OSCE Transnational Threats Department' },
    ]);
    unmount();
    serve({ ...base, classification: 'For workshop participants only' });
    renderApp('/workshops/7', { user: lena, csrf_token: 't' });
    const card = (await screen.findByRole('heading', { name: 'Documents' })).closest('section')!;
    expect(within(card).getByText('For workshop participants only')).toBeInTheDocument();
    expect(within(card).queryByRole('textbox')).toBeNull();
  });

  it('lets an admin give each staff member a duty', async () => {
    const patches = serve(base);
    renderApp('/workshops/7', { user: admin, csrf_token: 't' });
    const user = userEvent.setup();
    const eva = await screen.findByRole('combobox', { name: 'Duty of Eva' });
    expect(screen.getByRole('combobox', { name: 'Duty of Carl' })).toHaveValue('controller');
    expect(eva).toHaveValue('');
    await user.selectOptions(eva, 'evaluator');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Duty of Carl' }), '');
    await user.click(screen.getByRole('button', { name: 'Save duties' }));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(patches).toEqual([
      {
        staff: [
          { user_id: 2, duty: 'lead' },
          { user_id: 4, duty: 'evaluator' },
        ],
      },
    ]);
  });

  it('shows a facilitator their own duty, without the form or the admin’s controls', async () => {
    serve({ ...base, staff: [...base.staff, { user_id: 4, duty: 'evaluator' }] });
    renderApp('/workshops/7', { user: eva, csrf_token: 't' });
    expect(await screen.findByTestId('my-duty')).toHaveTextContent('Your duty in this workshop: Evaluator');
    expect(screen.queryByRole('button', { name: 'Save duties' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Turn on attributed results' })).toBeNull();
    // Setting up an exercise is the controllers' and the lead's.
    expect(screen.queryByRole('heading', { name: 'New exercise' })).toBeNull();
  });

  it('turns attributed results on only with a reason, shows who and when, and turns them off', async () => {
    const patches = serve(base);
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderApp('/workshops/7', { user: admin, csrf_token: 't' });
    const user = userEvent.setup();
    const section = within((await screen.findByRole('heading', { name: 'Attributed results' })).closest('section')!);
    expect(section.getByText(/non-attributive \(the default\)/)).toBeInTheDocument();

    await user.click(section.getByRole('button', { name: 'Turn on attributed results' }));
    expect(section.getByText('Give the reason (at least 10 characters); the report shows it.')).toBeInTheDocument();
    expect(patches).toHaveLength(0);

    await user.type(section.getByLabelText('Reason'), 'The host States asked for a per-delegation debrief.');
    await user.click(section.getByRole('button', { name: 'Turn on attributed results' }));
    expect(await section.findByText('The host States asked for a per-delegation debrief.', { selector: 'dd' })).toBeInTheDocument();
    expect(section.getByText(/^by Ana on /)).toBeInTheDocument();
    expect(patches[0]).toEqual({ attributed_results: true, attribution_reason: 'The host States asked for a per-delegation debrief.' });

    await user.click(section.getByRole('button', { name: 'Turn off' }));
    expect(await section.findByText(/non-attributive \(the default\)/)).toBeInTheDocument();
    expect(patches[1]).toEqual({ attributed_results: false });
  });

  it('new exercise: a missing scenario and the server’s title message show at their fields', async () => {
    const posted: unknown[] = [];
    const scenario = { id: 'tutorial', version: 1, title: 'Tutorial', scenario_id: 1, version_id: 1 };
    mockFetch({
      'GET /api/v1/workshops/7': () => jsonResponse(200, { workshop: base, exercises: [] }),
      'GET /api/v1/users': () => jsonResponse(200, { users: [admin, lena, carl, eva] }),
      'GET /api/v1/scenarios': () => jsonResponse(200, { scenarios: [scenario] }),
      'POST /api/v1/exercises': (_url, init) => {
        posted.push(JSON.parse(String(init.body)));
        return jsonResponse(422, {
          error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { title: 'The title must be at most 200 characters.' } },
        });
      },
    });
    renderApp('/workshops/7', { user: admin, csrf_token: 't' });
    const user = userEvent.setup();
    const section = within((await screen.findByRole('heading', { name: 'New exercise' })).closest('section')!);
    await user.click(section.getByRole('button', { name: 'Create exercise' }));
    expect(section.getByLabelText('Scenario')).toHaveAccessibleDescription('Choose the scenario to play.');
    expect(posted).toHaveLength(0);

    expect(section.getByLabelText('Exercise title')).toHaveAttribute('maxlength', '200');
    await user.selectOptions(section.getByLabelText('Scenario'), await section.findByRole('option', { name: 'Tutorial (v1)' }));
    await user.click(section.getByRole('button', { name: 'Create exercise' }));
    expect(await section.findByText('The title must be at most 200 characters.')).toBeInTheDocument();
    expect(section.getByLabelText('Exercise title')).toHaveAttribute('aria-invalid', 'true');
    expect(section.getByLabelText('Scenario')).not.toHaveAttribute('aria-invalid');
    expect(section.getByRole('alert')).toHaveTextContent('Some fields are not valid.');
    expect(posted).toHaveLength(1);
  });
});
