import { isApiError } from '../api/client';

/**
 * Where a failed request's per-field messages go: after the server's message (the
 * default), instead of it (for a row action they say more), or nowhere (the form shows
 * them at its fields).
 */
export type FieldMessages = 'after' | 'instead' | 'none';

/** What went wrong with a request, in the server's words. */
export function apiErrorText(err: unknown, fields: FieldMessages = 'after'): string {
  if (isApiError(err)) {
    const details = Object.values(err.fields);
    if (details.length === 0 || fields === 'none') return err.message;
    return fields === 'instead' ? details.join(' ') : `${err.message} ${details.join(' ')}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** A failed request's reason, announced to screen readers; nothing while there is no error. */
export function ApiError({ error, fields }: { error: unknown; fields?: FieldMessages }) {
  if (!error) return null;
  return (
    <p className="alert error" role="alert">
      {apiErrorText(error, fields)}
    </p>
  );
}

/**
 * Splits a failed request's messages for a form: those of the form's own fields go to
 * the fields, the rest (the server's summary and messages for fields the form lacks)
 * to the form's banner.
 */
export function splitFieldErrors<K extends string>(
  err: unknown,
  names: readonly K[],
): { fields: Partial<Record<K, string>>; banner: string } {
  if (!isApiError(err)) return { fields: {}, banner: apiErrorText(err) };
  const fields: Partial<Record<K, string>> = {};
  const rest: string[] = [];
  for (const [k, msg] of Object.entries(err.fields)) {
    if ((names as readonly string[]).includes(k)) fields[k as K] = msg;
    else rest.push(msg);
  }
  return { fields, banner: [err.message, ...rest].join(' ') };
}

/**
 * For a react-hook-form form: sets the server's messages on the form's fields (the first
 * one takes the focus, which reads its message out) and returns the banner's text.
 */
export function applyServerErrors<K extends string>(
  err: unknown,
  names: readonly K[],
  setError: (name: K, error: { type: string; message: string }, options?: { shouldFocus: boolean }) => void,
): string {
  const { fields, banner } = splitFieldErrors(err, names);
  let first = true;
  for (const name of names) {
    const message = fields[name];
    if (!message) continue;
    setError(name, { type: 'server', message }, { shouldFocus: first });
    first = false;
  }
  return banner;
}
