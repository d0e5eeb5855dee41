/**
 * Thin fetch wrapper for the cbmex JSON API, typed from its OpenAPI document
 * (backend/internal/httpapi/openapi.yaml → schema.d.ts, by `npm run gen:api`).
 *
 * - `api.get('/exercises/{id}', { path: { id } })` takes a path of the document and
 *   answers the type of that operation's success body; its path and query parameters
 *   and its request body are checked against the document too;
 * - always sends cookies for the same origin;
 * - on writes, sends the CSRF token from the `cbmex_csrf` cookie as `X-CSRF-Token`;
 * - turns every non-2xx answer into an {@link ApiError} carrying the server's
 *   `{"error":{"code","message","fields"}}` body.
 */
import type { components, paths } from './schema';

export const API_BASE = '/api/v1';
export const CSRF_COOKIE = 'cbmex_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export type FieldErrors = Record<string, string>;

/** A schema of the API document by name, e.g. `Schema<'Workshop'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

/** One problem in a scenario file, as the server reports it (line and column are 1-based). */
export type Problem = Schema<'Problem'>;

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
  /**
   * The write's Idempotency-Key: the server does a write once per key, so sending it
   * again (a retry after a lost reply) cannot store it twice. Every write gets a fresh
   * one unless the caller passes its own (a draft that the user may send again).
   */
  idempotencyKey?: string;
}

/** A new Idempotency-Key (getRandomValues works on plain http too, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Waits before each automatic retry of a write whose answer did not arrive. */
export const RETRY_DELAYS_MS = [500, 1500, 4000];

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });

/**
 * Calls the API at `path` (relative to /api/v1) and returns the parsed JSON body,
 * or undefined for 204 / empty bodies. A write carries an Idempotency-Key and, when the
 * network fails before an answer arrives (the request may or may not have reached the
 * server), is sent again with the same key a few times: the server stores it once.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.rawBody !== undefined) headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const write = WRITE_METHODS.has(method);
  if (write) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
    headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
  }
  const body = options.rawBody !== undefined ? options.rawBody : options.body !== undefined ? JSON.stringify(options.body) : undefined;

  let res: Response | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      res = await fetch(API_BASE + path, { method, headers, credentials: 'same-origin', body, signal: options.signal });
      // The first send of this key is still being handled: ask again shortly.
      if (write && res.status === 409 && attempt < RETRY_DELAYS_MS.length && (await isInProgress(res.clone()))) {
        await sleep(RETRY_DELAYS_MS[attempt]!, options.signal);
        continue;
      }
      break;
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      if (!write || attempt >= RETRY_DELAYS_MS.length) {
        throw new ApiError(0, 'network_error', 'The server could not be reached. Check your connection and try again.');
      }
      await sleep(RETRY_DELAYS_MS[attempt]!, options.signal);
    }
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

async function isInProgress(res: Response): Promise<boolean> {
  try {
    const j: unknown = await res.json();
    return isRecord(j) && isRecord(j.error) && j.error.code === 'idempotency_in_progress';
  } catch {
    return false;
  }
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths of the document that take `M`. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]-?: undefined extends paths[P][M] ? never : P;
}[keyof paths];

/** The operation `M` on path `P`. */
export type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type SuccessStatus = 200 | 201 | 202 | 204;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : void;
type ResponsesOf<O> = O extends { responses: infer R } ? R : never;

/** What an operation answers on success: its JSON body, or void (204). */
export type Answer<P extends keyof paths, M extends Method> = {
  [S in keyof ResponsesOf<Operation<P, M>> & SuccessStatus]: JsonOf<ResponsesOf<Operation<P, M>>[S]>;
}[keyof ResponsesOf<Operation<P, M>> & SuccessStatus];

type ParamsOf<O> = O extends { parameters: infer Ps } ? Ps : never;
type PathPart<O> = ParamsOf<O> extends { path: infer X } ? ([X] extends [never | undefined] ? { path?: never } : { path: X }) : { path?: never };
type QueryPart<O> = ParamsOf<O> extends { query?: infer Q } ? ([Q] extends [never | undefined] ? { query?: never } : { query?: Q }) : { query?: never };
type BodyFor<C, Required extends boolean> = C extends { 'application/json': infer B }
  ? Required extends true
    ? { body: B }
    : { body?: B }
  : { rawBody: string | Blob; contentType: keyof C & string };
type BodyPart<O> = O extends { requestBody?: never }
  ? { body?: never }
  : O extends { requestBody: { content: infer C } }
    ? BodyFor<C, true>
    : O extends { requestBody?: { content: infer C } }
      ? BodyFor<C, false>
      : { body?: never };

/** The options of a call: the operation's path and query parameters, its body, a signal. */
export type CallOptions<O> = PathPart<O> & QueryPart<O> & BodyPart<O> & { signal?: AbortSignal; idempotencyKey?: string };

/** The options argument is optional when the operation needs none. */
type OptionsArg<O> = object extends CallOptions<O> ? [options?: CallOptions<O>] : [options: CallOptions<O>];

interface LooseOptions {
  path?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  rawBody?: string | Blob;
  contentType?: string;
  signal?: AbortSignal;
  idempotencyKey?: string;
}

/** The address of a call: `{name}` filled in from `params`, then the query string (blank values left out). */
export function apiPath(template: string, params: LooseOptions['path'] = {}, query: LooseOptions['query'] = {}): string {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, String(v));
  const q = search.toString();
  return q ? `${path}?${q}` : path;
}

function call<P extends keyof paths, M extends Method>(method: M, path: P, options: LooseOptions = {}): Promise<Answer<P, M>> {
  return apiRequest<Answer<P, M>>(apiPath(path, options.path, options.query), {
    method: method.toUpperCase() as RequestOptions['method'],
    body: options.body,
    rawBody: options.rawBody,
    contentType: options.contentType,
    signal: options.signal,
    idempotencyKey: options.idempotencyKey,
  });
}

/** The API's operations, typed by the document. */
export const api = {
  get: <P extends PathsWith<'get'>>(path: P, ...options: OptionsArg<Operation<P, 'get'>>) =>
    call('get', path, options[0] as LooseOptions) as Promise<Answer<P, 'get'>>,
  post: <P extends PathsWith<'post'>>(path: P, ...options: OptionsArg<Operation<P, 'post'>>) =>
    call('post', path, options[0] as LooseOptions) as Promise<Answer<P, 'post'>>,
  put: <P extends PathsWith<'put'>>(path: P, ...options: OptionsArg<Operation<P, 'put'>>) =>
    call('put', path, options[0] as LooseOptions) as Promise<Answer<P, 'put'>>,
  patch: <P extends PathsWith<'patch'>>(path: P, ...options: OptionsArg<Operation<P, 'patch'>>) =>
    call('patch', path, options[0] as LooseOptions) as Promise<Answer<P, 'patch'>>,
  delete: <P extends PathsWith<'delete'>>(path: P, ...options: OptionsArg<Operation<P, 'delete'>>) =>
    call('delete', path, options[0] as LooseOptions) as Promise<Answer<P, 'delete'>>,
};
