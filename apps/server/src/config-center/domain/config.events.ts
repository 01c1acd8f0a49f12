import type { ConfigOp } from '@switchboard/shared';
import type { ConfigRecord } from './config-record';
import type { Actor } from '../../identity/actor';

export interface ConfigPublished {
  config: ConfigRecord; // the new head state
  op?: ConfigOp; // how (create, update, rollback, canary-promote, …); absent when learnt from another node
  actor: Actor;
  at: Date;
}

export interface ConfigDeleted {
  config: ConfigRecord; // the tombstone (deleted: true, version bumped)
  actor: Actor;
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'config.published': ConfigPublished;
    'config.deleted': ConfigDeleted;
  }
}
