import { Module } from '@nestjs/common';
import { BackupController } from './backup.controller';
import { BackupService } from './backup.service';

// GET /api/v1/admin/backup; the restore is a command (src/restore.ts, backup-restore.ts).
@Module({ controllers: [BackupController], providers: [BackupService] })
export class BackupModule {}
