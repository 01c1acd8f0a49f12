import type { Actor } from '../../identity/actor';

// A backup was taken (its download began): the audit trail records who, when and from where.
export interface BackupTaken {
  fileName: string;
  databaseType: string;
  tables: number;
  migrations: number;
  actor: Actor;
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'ops.backupTaken': BackupTaken;
  }
}
