import { Global, Module } from '@nestjs/common';
import { ClusterBus } from './cluster-bus';
import { ClusterMetrics } from './cluster-metrics';
import { ClusterNodesController } from './cluster-nodes.controller';
import { NacosClusterV3Controller } from './nacos-cluster-v3.controller';
import { Replication } from './replication';

// Global: the bus is infrastructure every area announces its changes on.
@Global()
@Module({ controllers: [ClusterNodesController, NacosClusterV3Controller], providers: [ClusterBus, ClusterMetrics, Replication], exports: [ClusterBus, Replication] })
export class ClusterModule {}
