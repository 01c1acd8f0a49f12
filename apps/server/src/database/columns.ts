import type { ValueTransformer } from 'typeorm';

// Times are stored as epoch milliseconds in a BIGINT: the same column type and the same
// precision on SQLite, PostgreSQL and MySQL. Drivers hand BIGINT back as a string.
export const epochMillis: ValueTransformer = {
  to: (value: Date | undefined | null) => (value instanceof Date ? value.getTime() : value),
  from: (value: string | number | null) => (value === null || value === undefined ? value : new Date(Number(value))),
};
