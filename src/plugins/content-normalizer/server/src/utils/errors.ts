import { errors } from '@strapi/utils';

/** A 400 in Strapi's error envelope that names the offending field (`error.details.field`). */
export function fieldError(field: string, message: string, extra: Record<string, unknown> = {}) {
  return new errors.ValidationError(`${field}: ${message}`, { field, ...extra });
}

export function isUniqueViolation(error: unknown): boolean {
  const err = error as { code?: string; message?: string } | undefined;
  if (!err) return false;
  return (
    err.code === '23505' ||
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    err.code === 'ER_DUP_ENTRY' ||
    /UNIQUE constraint failed/i.test(err.message ?? '')
  );
}

/** PostgreSQL aborted the transaction to break a deadlock or a serialization conflict: safe to run it again. */
export function isDeadlock(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === '40P01' || code === '40001';
}
