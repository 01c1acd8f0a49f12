import { defineEndpoint } from './endpoint';

export interface HealthView {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'ok' | 'failed' | 'lagging'>;
}

export const OPS_PATHS = {
  live: '/health/live',
  ready: '/health/ready',
  metrics: '/metrics',
  apiDocs: '/api/docs',
  apiDocsJson: '/api/docs-json',
} as const;

// A backup: gzip'd JSON lines. The first line is a BackupHeader, then one BackupRowLine per row
// of every table, then one BackupEndLine (its absence means the file was cut short). Values are
// JSON, with binary and dates tagged ({"$binary": base64}, {"$date": ISO 8601}) and bigints as
// decimal strings, so a backup of one database type restores into another.
export const BACKUP_FORMAT = 'switchboard-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_CONTENT_TYPE = 'application/gzip';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  databaseType: 'sqlite' | 'postgres' | 'mysql'; // where it was taken
  migrations: string[]; // applied when taken, oldest first
  takenAt: string; // ISO 8601, when the snapshot was opened
  serverVersion: string;
  tables: string[]; // in the order their rows follow
}

export interface BackupRowLine {
  table: string;
  row: Record<string, unknown>; // column name → value
}

export interface BackupEndLine {
  end: { rows: Record<string, number> }; // rows written per table
}

export const OPS_ENDPOINTS = {
  // Administrators only; the answer is the backup file (BACKUP_CONTENT_TYPE), streamed.
  backup: defineEndpoint<void, void, void, ArrayBuffer>('GET', '/api/v1/admin/backup'),
} as const;
