import { Global, Module } from '@nestjs/common';
import { ClusterBus } from './cluster-bus';
import { ClusterMetrics } from './cluster-metrics';

@Global()
@Module({ providers: [ClusterBus, ClusterMetrics], exports: [ClusterBus] })
export class ClusterModule {}
