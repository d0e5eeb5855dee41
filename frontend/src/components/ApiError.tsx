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
