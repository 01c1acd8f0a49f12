import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CLUSTER_ENDPOINTS as E, type ClusterNodesView } from '@switchboard/shared';
import { ClusterBus } from './cluster-bus';
import { AdminOnly } from '../identity/access';

@ApiTags('cluster')
@Controller()
export class ClusterNodesController {
  constructor(private readonly cluster: ClusterBus) {}

  // Administrators: which nodes make up the cluster, which one runs its jobs, and whether each
  // hears the others (a single node lists itself).
  @Get(E.listNodes.path)
  @AdminOnly()
  nodes(): Promise<ClusterNodesView> {
    return this.cluster.nodes();
  }
}
