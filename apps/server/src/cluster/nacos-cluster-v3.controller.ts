// Mirrors Nacos 3.x admin API `/nacos/v3/admin/core/cluster` (NacosClusterControllerV3), in the
// {code, message, data} envelope, for administrators:
//   GET /node/self                 → data Member (this node)
//   GET /node/list address, state  → data [Member]: the nodes that answer, filtered by part of
//                                    their address and by state (UP | SUSPICIOUS)
// Member {ip, port, state, address, extendInfo, failAccessCnt}: `ip` is the node's host name and
// `port` this node's HTTP port (nodes of one cluster listen on the same port); a node that does not
// hear the others is SUSPICIOUS. extendInfo carries the node's id, leadership, start time and
// change feed position. Refused: 403 {code:10001}; a state Nacos does not know: 400.
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ClusterNodeView } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../common/errors/domain-error';
import { NACOS_PATHS } from '../common/nacos/nacos-paths';
import { NacosParams, optionalParam, type NacosParamMap } from '../common/nacos/nacos-params';
import { nacosSuccess, type NacosV2Result } from '../common/nacos/nacos-result';
import { AdminOnly } from '../identity/access';
import { SETTINGS } from '../settings/settings.module';
import type { Settings } from '../settings/settings';
import { ClusterBus } from './cluster-bus';

const NODE_STATES = ['STARTING', 'UP', 'SUSPICIOUS', 'DOWN', 'ISOLATION'];

interface NacosMember {
  ip: string;
  port: number;
  state: string;
  address: string;
  extendInfo: Record<string, unknown>;
  failAccessCnt: number;
}

@ApiExcludeController()
@AdminOnly()
@Controller(NACOS_PATHS.v3AdminCluster)
export class NacosClusterV3Controller {
  constructor(
    private readonly cluster: ClusterBus,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  private member(node: ClusterNodeView): NacosMember {
    const { port } = this.settings.http;
    const extendInfo = { nodeId: node.nodeId, leader: node.leader, startedAt: node.startedAt, appliedSeq: node.appliedSeq, lag: node.lag };
    return { ip: node.hostname, port, state: node.connected ? 'UP' : 'SUSPICIOUS', address: `${node.hostname}:${port}`, extendInfo, failAccessCnt: 0 };
  }

  @Get('node/self')
  async self(): Promise<NacosV2Result<NacosMember>> {
    const { nodes } = await this.cluster.nodes();
    return nacosSuccess(this.member(nodes.find((n) => n.self) ?? nodes[0]));
  }

  @Get('node/list')
  async list(@NacosParams() params: NacosParamMap): Promise<NacosV2Result<NacosMember[]>> {
    const address = optionalParam(params, 'address');
    const state = optionalParam(params, 'state')?.toUpperCase();
    if (state && !NODE_STATES.includes(state)) throw validationFailed([fieldViolation('state', 'enum', `must be one of ${NODE_STATES.join(', ')}`)]);
    const members = (await this.cluster.nodes()).nodes.map((n) => this.member(n));
    return nacosSuccess(members.filter((m) => (!address || m.address.includes(address)) && (!state || m.state === state)));
  }
}
