import { Readable } from 'node:stream';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BACKUP_CONTENT_TYPE, OPS_ENDPOINTS as E } from '@switchboard/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientIpOf } from '../../common/http/client-ip';
import { AdminOnly } from '../../identity/access';
import { actorFor } from '../../identity/actor';
import { BackupService } from './backup.service';

@ApiTags('ops')
@ApiBearerAuth()
@Controller()
export class BackupController {
  constructor(private readonly backups: BackupService) {}

  // Streams the backup (one at a time: a second caller meanwhile gets 429); docs/OPERATIONS.md
  // says how to restore it.
  @Get(E.backup.path)
  @AdminOnly()
  @ApiOperation({ summary: 'Download a consistent backup of every table (administrators only); restore with `npm run restore -- <file>`' })
  @ApiProduces(BACKUP_CONTENT_TYPE)
  @ApiOkResponse({ description: 'gzip\'d JSON lines: a header, one line per row, an end line', schema: { type: 'string', format: 'binary' } })
  async download(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    const backup = await this.backups.open(actorFor(request.principal, clientIpOf(request)));
    // A client gone before or while the file is written: the snapshot is closed at once.
    const abandon = () => void (backup.stream.readableEnded || backup.stream.destroy());
    if (reply.raw.destroyed) {
      abandon();
      return Readable.from([]); // nothing to send it to; a destroyed stream cannot be returned
    }
    reply.raw.once('close', abandon);
    void reply.header('content-type', BACKUP_CONTENT_TYPE).header('content-disposition', `attachment; filename="${backup.fileName}"`).header('cache-control', 'no-store');
    return backup.stream;
  }
}
