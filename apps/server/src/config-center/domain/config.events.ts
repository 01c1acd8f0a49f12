import type { Actor } from '../config-publish.service';
import type { ConfigRecord } from './config-record';

export interface ConfigPublished {
  config: ConfigRecord; // the new head state
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
