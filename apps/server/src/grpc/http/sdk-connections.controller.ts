import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CONNECTIONS_ENDPOINTS as E, type SdkConnectionsView } from '@switchboard/shared';
import { Clock } from '../../common/clock';
import { NamespaceRead, fromPath } from '../../identity/access';
import { SdkConnectionsDirectory } from '../sdk-connections.directory';

@ApiTags('connections')
@Controller()
export class SdkConnectionsController {
  constructor(
    private readonly directory: SdkConnectionsDirectory,
    private readonly clock: Clock,
  ) {}

  // The Nacos SDK (gRPC) connections of a namespace across the cluster: who they are (address,
  // SDK version, labels), which services they subscribe to and which configs they listen to.
  @Get(E.list.path)
  @NamespaceRead(fromPath)
  async list(@Param('namespaceId') namespaceId: string): Promise<SdkConnectionsView> {
    return { namespaceId, connections: await this.directory.list(namespaceId), at: this.clock.now().toISOString() };
  }
}
