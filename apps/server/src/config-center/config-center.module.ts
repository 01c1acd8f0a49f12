import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigCanaryEntity, ConfigCanaryEventEntity } from './canary/domain/canary.entities';
import { ConfigVersionEntity } from './domain/config-version.entity';
import { ConfigEntity } from './domain/config.entity';
import { NamespacesModule } from '../namespaces/namespaces.module';
import { NamingModule } from '../naming/naming.module';
import { CanaryIndex } from './canary/canary-index';
import { CanaryRolloutService } from './canary/canary-rollout.service';
import { CanaryWatcher } from './canary/canary-watcher.service';
import { CanaryRepository } from './canary/canary.repository';
import { CanaryService } from './canary/canary.service';
import { CanaryController } from './canary/http/canary.controller';
import { CanaryRolloutListener } from './canary/realtime/canary-rollout.listener';
import { ConfigAnswers } from './config-answers';
import { ConfigIndex } from './config-index';
import { ConfigListeners } from './config-listeners';
import { ConfigPublishService } from './config-publish.service';
import { ConfigQueryService } from './config-query.service';
import { ConfigTransferService } from './config-transfer.service';
import { ConfigRepository } from './config.repository';
import { ConfigTransferController } from './http/config-transfer.controller';
import { ConfigsController } from './http/configs.controller';
import { NacosConfigHotRoutes } from './nacos/nacos-config-hot-routes';
import { NacosConfigListenerService } from './nacos/nacos-config-listener.service';
import { NacosConfigOperations } from './nacos/nacos-config.operations';
import { NacosConfigV2Controller } from './nacos/nacos-config-v2.controller';
import { NacosConfigAdminV3Controller } from './nacos/nacos-config-admin-v3.controller';
import { NacosConfigV3Controller } from './nacos/nacos-config-v3.controller';
import { NacosHistoryAdminV3Controller } from './nacos/nacos-history-admin-v3.controller';
import { NacosConfigsV1Controller } from './nacos/nacos-configs-v1.controller';
import { NacosHistoryV1Controller } from './nacos/nacos-history-v1.controller';
import { ConfigPushListener } from './realtime/config-push.listener';
import { RealtimeModule } from '../realtime/realtime.module';

// Configs, their history and push, and canary releases. Canary tag targeting and health gates
// read the registry, hence the naming import (naming never depends on configs).
import { GrpcModule } from '../grpc/grpc.module';
import { NacosConfigGrpcHandlers } from './nacos/nacos-config-grpc.handlers';
import { NacosConfigGrpcPush } from './nacos/nacos-config-grpc.push';

@Module({
  imports: [RealtimeModule, GrpcModule, TypeOrmModule.forFeature([ConfigEntity, ConfigVersionEntity, ConfigCanaryEntity, ConfigCanaryEventEntity]), NamespacesModule, NamingModule],
  controllers: [ConfigsController, ConfigTransferController, CanaryController, NacosConfigsV1Controller, NacosHistoryV1Controller, NacosConfigV2Controller, NacosConfigV3Controller, NacosConfigAdminV3Controller, NacosHistoryAdminV3Controller],
  providers: [
    ConfigIndex,
    ConfigRepository,
    ConfigListeners,
    ConfigPublishService,
    CanaryIndex,
    CanaryRepository,
    CanaryService,
    ConfigAnswers,
    ConfigQueryService,
    ConfigTransferService,
    CanaryWatcher,
    CanaryRolloutService,
    NacosConfigListenerService,
    NacosConfigOperations,
    NacosConfigHotRoutes,
    ConfigPushListener,
    CanaryRolloutListener,
    NacosConfigGrpcHandlers,
    NacosConfigGrpcPush,
  ],
  exports: [ConfigIndex, ConfigPublishService, ConfigQueryService, ConfigListeners, CanaryIndex, CanaryService],
})
export class ConfigCenterModule {}
