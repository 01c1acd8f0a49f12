import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { registerErrorRecogniser } from '../common/errors/domain-error';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { databaseAddress, databaseUnavailableRecogniser } from './errors';

// At most one warning per this long while the database stays unreachable.
const WARN_EVERY_MS = 10_000;

// Tells the transports that a database that cannot be reached is a 503, not a bug (no stack
// trace, no 500): common/ may not import database/, so the recogniser is registered here. The
// pool opens new connections by itself once the database is back; nothing to do then.
@Injectable()
export class DatabaseAvailability implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseAvailability.name);
  private lastWarnedAt = Number.NEGATIVE_INFINITY;
  private unregister?: () => void;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  onModuleInit(): void {
    this.unregister = registerErrorRecogniser(databaseUnavailableRecogniser(databaseAddress(this.settings.db), (cause) => this.noticed(cause)));
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }

  private noticed(cause: string): void {
    const now = Date.now();
    if (now - this.lastWarnedAt < WARN_EVERY_MS) return;
    this.lastWarnedAt = now;
    this.logger.warn(`database unavailable (${cause}): requests that need it answer 503 until it is back`);
  }
}
