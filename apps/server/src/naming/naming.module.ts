import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersistentInstanceEntity } from './domain/persistent-instance.entity';
import { ServiceEntity } from './domain/service.entity';
import { NamespacesModule } from '../namespaces/namespaces.module';
import { HealthProbeService } from './health-probe.service';
import { HeartbeatMonitor } from './heartbeat-monitor.service';
import { InstancesController } from './http/instances.controller';
import { ServicesController } from './http/services.controller';
import { InstanceQueryService } from './instance-query.service';
import { InstanceRegistrationService } from './instance-registration.service';
import { NacosInstanceV1Controller } from './nacos/nacos-instance-v1.controller';
import { NacosInstanceV2Controller } from './nacos/nacos-instance-v2.controller';
import { NacosNamingOpsV1Controller } from './nacos/nacos-naming-ops-v1.controller';
import { NacosServiceV1Controller } from './nacos/nacos-service-v1.controller';
import { NacosServiceV2Controller } from './nacos/nacos-service-v2.controller';
import { NacosNamingAdminV3Controller } from './nacos/nacos-naming-admin-v3.controller';
import { NacosNamingV3Controller } from './nacos/nacos-naming-v3.controller';
import { NacosNamingHotRoutes } from './nacos/nacos-naming-hot-routes';
import { NacosNamingOperations } from './nacos/nacos-naming.operations';
import { ServiceInfoCache } from './nacos/nacos-service-info-cache';
import { NacosUdpPushService } from './nacos/nacos-udp-push.service';
import { NamingReplication } from './naming-replication.service';
import { NamingRegistry } from './naming-registry';
import { NamingRepository } from './naming.repository';
import { NamingGateway } from './realtime/naming.gateway';
import { NamingPushListener } from './realtime/naming-push.listener';
import { ServiceCatalogService } from './service-catalog.service';
import { RealtimeModule } from '../realtime/realtime.module';

import { GrpcModule } from '../grpc/grpc.module';
import { NacosNamingGrpcHandlers } from './nacos/nacos-naming-grpc.handlers';
import { NacosNamingGrpcSubscribers } from './nacos/nacos-naming-grpc.subscribers';

@Module({
  imports: [RealtimeModule, GrpcModule, TypeOrmModule.forFeature([ServiceEntity, PersistentInstanceEntity]), NamespacesModule],
  controllers: [
    ServicesController,
    InstancesController,
    NacosInstanceV1Controller,
    NacosServiceV1Controller,
    NacosNamingOpsV1Controller,
    NacosInstanceV2Controller,
    NacosServiceV2Controller,
    NacosNamingV3Controller,
    NacosNamingAdminV3Controller,
  ],
  providers: [
    NamingRegistry,
    NamingRepository,
    ServiceCatalogService,
    InstanceRegistrationService,
    InstanceQueryService,
    HeartbeatMonitor,
    NamingReplication,
    HealthProbeService,
    NacosUdpPushService,
    NacosNamingOperations,
    NacosNamingHotRoutes,
    ServiceInfoCache,
    NamingPushListener,
    NamingGateway,
    NacosNamingGrpcSubscribers,
    NacosNamingGrpcHandlers,
  ],
  exports: [NamingRegistry, InstanceQueryService, InstanceRegistrationService, ServiceCatalogService],
})
export class NamingModule {}
