import { QueryFailedError } from 'typeorm';

// A duplicate key, whichever database raised it.
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; errno?: number; message?: string };
  return (
    driverError.code === '23505' || // PostgreSQL unique_violation
    driverError.code === 'ER_DUP_ENTRY' || // MySQL / MariaDB
    (driverError.code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/.test(driverError.message ?? ''))
  );
}
