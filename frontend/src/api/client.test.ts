import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { ApiError, CSRF_HEADER, RETRY_DELAYS_MS, api, apiPath, apiRequest, parseError, readCookie } from './client';
import { jsonResponse } from '../test/utils';
import type { Schema } from './client';

function clearCookies() {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

function headersOf(call: unknown[]): Record<string, string> {
  const init = call[1] as RequestInit;
  return init.headers as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearCookies();
});

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('cbmex_csrf', 'a=1; cbmex_csrf=abc%3D%3D; b=2')).toBe('abc==');
    expect(readCookie('missing', 'a=1')).toBeUndefined();
  });
});

describe('api client', () => {
  it('sends the CSRF cookie as X-CSRF-Token on writes, with same-origin credentials', async () => {
    document.cookie = 'cbmex_csrf=tok-123; path=/';
    const fetchMock = vi.fn(async () => jsonResponse(201, { user: { id: 7 } }));
    vi.stubGlobal('fetch', fetchMock);

    await api.post('/users', { body: { email: 'x@y.z', role: 'admin', password: 'p' } });

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const call = fetchMock.mock.calls[0] as unknown[];
    expect(call[0]).toBe('/api/v1/users');
    const init = call[1] as RequestInit;
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe(JSON.stringify({ email: 'x@y.z', role: 'admin', password: 'p' }));
    expect(headersOf(call)[CSRF_HEADER]).toBe('tok-123');
    expect(headersOf(call)['Content-Type']).toBe('application/json');
  });

  it('sends the token on PATCH and DELETE too, but not on GET', async () => {
    document.cookie = 'cbmex_csrf=tok-9; path=/';
    const fetchMock = vi.fn(async (_u: string, init: RequestInit) =>
      init.method === 'DELETE' ? jsonResponse(204) : jsonResponse(200, { ok: true }),
    );
    vi.stubGlobal('fetch', fetchMock);

    await api.get('/users');
    await api.patch('/users/{id}', { path: { id: 1 }, body: { disabled: true } });
    await api.delete('/users/{id}', { path: { id: 1 } });

    const calls = fetchMock.mock.calls as unknown[][];
    expect(calls.map((c) => c[0])).toEqual(['/api/v1/users', '/api/v1/users/1', '/api/v1/users/1']);
    expect(headersOf(calls[0]!)[CSRF_HEADER]).toBeUndefined();
    expect(headersOf(calls[1]!)[CSRF_HEADER]).toBe('tok-9');
    expect(headersOf(calls[2]!)[CSRF_HEADER]).toBe('tok-9');
    for (const c of calls) expect((c[1] as RequestInit).credentials).toBe('same-origin');
  });

  it('omits the header when there is no CSRF cookie', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    await api.post('/auth/login', { body: { email: 'a', password: 'b' } });
    expect(headersOf(fetchMock.mock.calls[0] as unknown[])[CSRF_HEADER]).toBeUndefined();
  });

  it('returns undefined for 204 No Content', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(204)));
    await expect(api.post('/auth/logout')).resolves.toBeUndefined();
  });

  it('turns the server error body into an ApiError with code, message and fields', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(422, {
          error: {
            code: 'validation_failed',
            message: 'Some fields are not valid.',
            fields: { email: 'Enter a valid email address.', password: 'Use at least 12 characters.' },
          },
        }),
      ),
    );
    const err = await api.post('/users', { body: { email: '', role: 'admin', password: '' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const apiErr = err as ApiError;
    expect(apiErr.status).toBe(422);
    expect(apiErr.code).toBe('validation_failed');
    expect(apiErr.message).toBe('Some fields are not valid.');
    expect(apiErr.fields).toEqual({
      email: 'Enter a valid email address.',
      password: 'Use at least 12 characters.',
    });
  });

  it('copes with error bodies that are not the JSON error shape', () => {
    const html = parseError(502, 'Bad Gateway', '<html>oops</html>');
    expect(html.code).toBe('http_502');
    expect(html.message).toContain('502');
    expect(html.fields).toEqual({});

    const partial = parseError(403, '', JSON.stringify({ error: { code: 'csrf_failed' } }));
    expect(partial.code).toBe('csrf_failed');
    expect(partial.message).toContain('403');
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const err = (await api.get('/auth/me').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.code).toBe('network_error');
  });
});

describe('calls typed by the API document', () => {
  it('refuses, at compile time, paths, parameters and bodies the document does not describe', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(204)));
    // @ts-expect-error not a path of the document
    await api.get('/no-such-path');
    // @ts-expect-error the path parameter is missing
    await api.get('/exercises/{id}');
    // @ts-expect-error a required field of the body is missing
    await api.post('/auth/login', { body: { email: 'a' } });
    // @ts-expect-error GET /users takes no body
    await api.get('/users', { body: {} });
    expectTypeOf(api.get('/users')).resolves.toEqualTypeOf<{ users: Schema<'User'>[] }>();
    expectTypeOf(api.put('/scenarios/{id}', { path: { id: 'x' }, rawBody: '', contentType: 'application/yaml' })).resolves.toEqualTypeOf<
      Schema<'ScenarioSaved'>
    >();
    expectTypeOf(api.post('/auth/logout')).resolves.toEqualTypeOf<void>();
  });
});

describe('apiPath', () => {
  it('fills in the path parameters, encoded', () => {
    expect(apiPath('/exercises/{id}/injects/{key}/hold', { id: 5, key: 'a b/c' })).toBe('/exercises/5/injects/a%20b%2Fc/hold');
  });

  it('adds the query in order, leaving blank values out', () => {
    expect(apiPath('/scenarios', {}, { q: 'grid & co', cbm: '', level: undefined, max_minutes: 60, open: true })).toBe(
      '/scenarios?q=grid+%26+co&max_minutes=60&open=true',
    );
    expect(apiPath('/scenarios', {}, { q: '' })).toBe('/scenarios');
  });
});

describe('scenario problems in errors', () => {
  it('reads error.problems from a 422 body and drops malformed entries', () => {
    const body = JSON.stringify({
      error: {
        code: 'invalid_scenario',
        message: 'The scenario has problems.',
        problems: [{ file: 'a.yaml', line: 3, column: 7, message: 'bad' }, { line: 'x' }, 'nope'],
      },
    });
    const err = parseError(422, 'Unprocessable Entity', body);
    expect(err.problems).toEqual([{ file: 'a.yaml', line: 3, column: 7, message: 'bad' }]);
    expect(parseError(400, '', '{"error":{"message":"x"}}').problems).toEqual([]);
  });
});

describe('writes that survive a lost answer', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends a write again with the same Idempotency-Key when the network fails before the answer', async () => {
    vi.useFakeTimers();
    const keys: string[] = [];
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        keys.push((init.headers as Record<string, string>)['Idempotency-Key'] ?? '');
        calls++;
        if (calls < 3) throw new TypeError('Failed to fetch'); // the reply was lost
        return new Response(JSON.stringify({ message: { id: 7 } }), { status: 201, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const done = apiRequest<{ message: { id: number } }>('/exercises/1/messages', { method: 'POST', body: { subject: 's' } });
    await vi.runAllTimersAsync();
    await expect(done).resolves.toEqual({ message: { id: 7 } });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives up with a network error after the retries, and never retries a read', async () => {
    vi.useFakeTimers();
    const fetchMock = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', fetchMock);
    const write = apiRequest('/exercises/1/messages', { method: 'POST', body: {}, idempotencyKey: 'draft-1' });
    const writeFailed = expect(write).rejects.toMatchObject({ code: 'network_error' });
    await vi.runAllTimersAsync();
    await writeFailed;
    expect(fetchMock).toHaveBeenCalledTimes(1 + RETRY_DELAYS_MS.length);
    fetchMock.mockClear();
    await expect(apiRequest('/exercises/1/messages')).rejects.toMatchObject({ code: 'network_error' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
