import { Module } from '@nestjs/common';
import { NamespacesModule } from '../namespaces/namespaces.module';
import { ConfigIndex } from './config-index';
import { ConfigListeners } from './config-listeners';
import { ConfigPublishService } from './config-publish.service';
import { ConfigQueryService } from './config-query.service';
import { ConfigTransferService } from './config-transfer.service';
import { ConfigRepository } from './config.repository';
import { ConfigTransferController } from './http/config-transfer.controller';
import { ConfigsController } from './http/configs.controller';
import { NacosConfigListenerService } from './nacos/nacos-config-listener.service';
import { NacosConfigV2Controller } from './nacos/nacos-config-v2.controller';
import { NacosConfigsV1Controller } from './nacos/nacos-configs-v1.controller';
import { NacosHistoryV1Controller } from './nacos/nacos-history-v1.controller';
import { ConfigPushListener } from './realtime/config-push.listener';

@Module({
  imports: [NamespacesModule],
  controllers: [ConfigsController, ConfigTransferController, NacosConfigsV1Controller, NacosHistoryV1Controller, NacosConfigV2Controller],
  providers: [ConfigIndex, ConfigRepository, ConfigListeners, ConfigPublishService, ConfigQueryService, ConfigTransferService, NacosConfigListenerService, ConfigPushListener],
  exports: [ConfigIndex, ConfigPublishService, ConfigQueryService, ConfigListeners],
})
export class ConfigCenterModule {}
