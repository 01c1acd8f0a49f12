import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NAMESPACES_ENDPOINTS as E, type NamespaceView, type ResponseOf } from '@switchboard/shared';
import type { NamespaceEntity } from '../domain/namespace.entity';
import { NamespacesService } from '../namespaces.service';
import { CreateNamespaceDto } from './dto/create-namespace.dto';
import { NamespaceViewDto } from './dto/namespace-view.dto';
import { UpdateNamespaceDto } from './dto/update-namespace.dto';
import { presentNamespace } from './namespace.presenter';

@ApiTags('namespaces')
@Controller()
export class NamespacesController {
  constructor(private readonly namespaces: NamespacesService) {}

  private present(namespace: NamespaceEntity): NamespaceView {
    return presentNamespace(namespace, this.namespaces.usage(namespace.namespaceId, 'configs'));
  }

  @Get(E.listNamespaces.path)
  @ApiOkResponse({ type: [NamespaceViewDto] })
  list(): ResponseOf<typeof E.listNamespaces> {
    return this.namespaces.list().map((n) => this.present(n));
  }

  @Get(E.getNamespace.path)
  @ApiOkResponse({ type: NamespaceViewDto })
  get(@Param('namespaceId') namespaceId: string): ResponseOf<typeof E.getNamespace> {
    return this.present(this.namespaces.get(namespaceId));
  }

  @Post(E.createNamespace.path)
  @ApiCreatedResponse({ type: NamespaceViewDto })
  async create(@Body() body: CreateNamespaceDto): Promise<NamespaceView> {
    return this.present(await this.namespaces.create(body));
  }

  @Patch(E.updateNamespace.path)
  @ApiOkResponse({ type: NamespaceViewDto })
  async update(@Param('namespaceId') namespaceId: string, @Body() body: UpdateNamespaceDto): Promise<NamespaceView> {
    return this.present(await this.namespaces.update(namespaceId, body));
  }

  @Delete(E.deleteNamespace.path)
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@Param('namespaceId') namespaceId: string): Promise<void> {
    await this.namespaces.delete(namespaceId);
  }
}
