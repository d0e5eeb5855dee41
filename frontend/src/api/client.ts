/**
 * Thin fetch wrapper for the cbmex JSON API.
 *
 * - always sends cookies for the same origin;
 * - on writes, sends the CSRF token from the `cbmex_csrf` cookie as `X-CSRF-Token`;
 * - turns every non-2xx answer into an {@link ApiError} carrying the server's
 *   `{"error":{"code","message","fields"}}` body.
 */

export const API_BASE = '/api/v1';
export const CSRF_COOKIE = 'cbmex_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export type FieldErrors = Record<string, string>;

/** One problem in a scenario file, as the server reports it (line and column are 1-based). */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  /** A scenario file's problems (422 invalid_scenario); empty otherwise. */
  readonly problems: Problem[];

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}, problems: Problem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.problems = problems;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Reads a cookie by name from document.cookie; undefined when absent. */
export function readCookie(name: string, cookieString: string = document.cookie): string | undefined {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    if (key === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds an ApiError from a response status and its (possibly non-JSON) body text. */
export function parseError(status: number, statusText: string, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    body = undefined;
  }
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error;
    const code = typeof e.code === 'string' && e.code ? e.code : `http_${status}`;
    const message =
      typeof e.message === 'string' && e.message ? e.message : fallbackMessage(status, statusText);
    const fields: FieldErrors = {};
    if (isRecord(e.fields)) {
      for (const [k, v] of Object.entries(e.fields)) {
        if (typeof v === 'string') fields[k] = v;
      }
    }
    return new ApiError(status, code, message, fields, parseProblems(e.problems));
  }
  return new ApiError(status, `http_${status}`, fallbackMessage(status, statusText));
}

/** Keeps the well-formed entries of a `problems` array; anything else gives []. */
export function parseProblems(raw: unknown): Problem[] {
  if (!Array.isArray(raw)) return [];
  const out: Problem[] = [];
  for (const p of raw) {
    if (!isRecord(p) || typeof p.message !== 'string') continue;
    out.push({
      file: typeof p.file === 'string' ? p.file : '',
      line: typeof p.line === 'number' ? p.line : 0,
      column: typeof p.column === 'number' ? p.column : 0,
      message: p.message,
    });
  }
  return out;
}

function fallbackMessage(status: number, statusText: string): string {
  return statusText ? `Request failed (${status} ${statusText}).` : `Request failed (${status}).`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as is instead of JSON (e.g. a YAML file), with `contentType`. */
  rawBody?: string | Blob;
  contentType?: string;
  signal?: AbortSignal;
}

/**
 * Calls the API at `path` (relative to /api/v1) and returns the parsed JSON body,
 * or undefined for 204 / empty bodies.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.rawBody !== undefined) headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (WRITE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawBody !== undefined ? options.rawBody : options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', 'The server could not be reached. Check your connection and try again.');
  }

  const text = await res.text();
  if (!res.ok) throw parseError(res.status, res.statusText, text);
  if (res.status === 204 || text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, 'invalid_response', 'The server sent an answer that could not be read.');
  }
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { method: 'GET', signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: (path: string) => apiRequest<void>(path, { method: 'DELETE' }),
  /** Sends a YAML document as the request body. */
  yaml: <T>(method: 'POST' | 'PUT', path: string, text: string | Blob, signal?: AbortSignal) =>
    apiRequest<T>(path, { method, rawBody: text, contentType: 'application/yaml', signal }),
};
