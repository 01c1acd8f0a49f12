import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NAMESPACES_ENDPOINTS as E, type NamespaceView, type ResponseOf } from '@switchboard/shared';
import type { NamespaceEntity } from '../domain/namespace.entity';
import { NamespacesService } from '../namespaces.service';
import { CreateNamespaceDto } from './dto/create-namespace.dto';
import { NamespaceViewDto } from './dto/namespace-view.dto';
import { UpdateNamespaceDto } from './dto/update-namespace.dto';
import { presentNamespace } from './namespace.presenter';
import { canAccess } from '../../identity/principal';
import { AdminOnly, Authenticated, NamespaceRead, fromPath } from '../../identity/access';
import { RequestActor } from '../../auth/request-actor';
import type { Actor } from '../../identity/actor';

@ApiTags('namespaces')
@Controller()
export class NamespacesController {
  constructor(private readonly namespaces: NamespacesService) {}

  private present(namespace: NamespaceEntity): NamespaceView {
    return presentNamespace(namespace, this.namespaces.usage(namespace.namespaceId, 'configs'));
  }

  @Get(E.listNamespaces.path)
  @Authenticated()
  @ApiOkResponse({ type: [NamespaceViewDto] })
  list(@Req() request: FastifyRequest): ResponseOf<typeof E.listNamespaces> {
    // Only the namespaces the caller may read.
    return this.namespaces
      .list()
      .filter((n) => canAccess(request.principal!, n.namespaceId, 'read'))
      .map((n) => this.present(n));
  }

  @Get(E.getNamespace.path)
  @NamespaceRead(fromPath)
  @ApiOkResponse({ type: NamespaceViewDto })
  get(@Param('namespaceId') namespaceId: string): ResponseOf<typeof E.getNamespace> {
    return this.present(this.namespaces.get(namespaceId));
  }

  @Post(E.createNamespace.path)
  @AdminOnly()
  @ApiCreatedResponse({ type: NamespaceViewDto })
  async create(@Body() body: CreateNamespaceDto, @RequestActor() caller: Actor): Promise<NamespaceView> {
    return this.present(await this.namespaces.create(body, caller));
  }

  @Patch(E.updateNamespace.path)
  @AdminOnly()
  @ApiOkResponse({ type: NamespaceViewDto })
  async update(@Param('namespaceId') namespaceId: string, @Body() body: UpdateNamespaceDto, @RequestActor() caller: Actor): Promise<NamespaceView> {
    return this.present(await this.namespaces.update(namespaceId, body, caller));
  }

  @Delete(E.deleteNamespace.path)
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@Param('namespaceId') namespaceId: string, @RequestActor() caller: Actor): Promise<void> {
    await this.namespaces.delete(namespaceId, caller);
  }
}
