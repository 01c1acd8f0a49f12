import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CONFIG_CENTER_ENDPOINTS as E, type ImportReport } from '@switchboard/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import { ExpensiveRequests } from '../../common/http/expensive-requests';
import { ConfigTransferService } from '../config-transfer.service';
import { CloneConfigsDto, ExportQueryDto, ImportQueryDto } from './dto/config.dto';
import { requireAccess } from '../../auth/access-checks';
import { actorOf } from '../../auth/request-actor';
import { NamespaceRead, NamespaceWrite, fromPath } from '../../identity/access';

@ApiTags('configs')
@Controller()
export class ConfigTransferController {
  constructor(
    private readonly transfer: ConfigTransferService,
    private readonly expensive: ExpensiveRequests,
  ) {}

  @Get(E.exportConfigs.path)
  @NamespaceRead(fromPath)
  @ApiProduces('application/zip')
  exportZip(@Param('namespaceId') namespaceId: string, @Query() q: ExportQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Buffer {
    this.expensive.hold(request, reply, 'export');
    const zip = this.transfer.export(namespaceId, { group: q.group, dataIds: q.dataIds?.split(',').map((d) => d.trim()).filter(Boolean) });
    void reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${encodeURIComponent(namespaceId)}-configs.zip"`);
    return Buffer.from(zip);
  }

  @Post(E.importConfigs.path)
  @NamespaceWrite(fromPath)
  @HttpCode(200)
  @ApiBody({ description: 'a zip in Nacos export layout (content-type application/zip)', schema: { type: 'string', format: 'binary' } })
  async importZip(@Param('namespaceId') namespaceId: string, @Query() q: ImportQueryDto, @Body() body: unknown, @Req() request: FastifyRequest): Promise<ImportReport> {
    if (!Buffer.isBuffer(body)) throw validationFailed([fieldViolation('file', 'format', 'send the zip as the body with content-type application/zip')]);
    return this.transfer.import(namespaceId, new Uint8Array(body), q.policy ?? 'abort', actorOf(request));
  }

  @Post(E.cloneConfigs.path)
  @NamespaceRead(fromPath)
  @HttpCode(200)
  async clone(@Param('namespaceId') namespaceId: string, @Body() body: CloneConfigsDto, @Req() request: FastifyRequest): Promise<ImportReport> {
    requireAccess(request.principal, body.targetNamespaceId, 'write');
    return this.transfer.clone(namespaceId, body.targetNamespaceId, body.keys, body.policy ?? 'abort', actorOf(request));
  }
}
