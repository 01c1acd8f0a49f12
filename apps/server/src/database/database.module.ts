import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Global, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { ChangeFeedEntity, ChangeFeedHeadEntity } from './change-feed';
import { DatabaseAvailability } from './database-availability';
import { dataSourceOptions } from './data-source-options';
import { DatabaseWriter } from './database-writer';

// WAL and busy_timeout are set by the TypeORM driver; synchronous decides whether a
// committed transaction is on disk before the commit returns.
@Injectable()
class SqlitePragmas implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.settings.db.type === 'sqlite') {
      await this.dataSource.query(`PRAGMA synchronous = ${this.settings.db.synchronous}`);
    }
  }
}

// Global: the data source and the write queue serve every area's repository.
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [SETTINGS],
      useFactory: (settings: Settings) => {
        if (settings.db.type === 'sqlite') mkdirSync(dirname(settings.db.file), { recursive: true });
        return { ...dataSourceOptions(settings.db), autoLoadEntities: true, retryAttempts: 3, retryDelay: 1000 };
      },
    }),
    TypeOrmModule.forFeature([ChangeFeedEntity, ChangeFeedHeadEntity]),
  ],
  providers: [SqlitePragmas, DatabaseWriter, DatabaseAvailability],
  exports: [DatabaseWriter],
})
export class DatabaseModule {}
