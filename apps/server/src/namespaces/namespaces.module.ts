import { Module } from '@nestjs/common';
import { NamespacesController } from './http/namespaces.controller';
import { NacosNamespacesV1Controller } from './nacos/nacos-namespaces-v1.controller';
import { NacosNamespacesV2Controller } from './nacos/nacos-namespaces-v2.controller';
import { NamespaceRepository } from './namespace.repository';
import { NamespacesService } from './namespaces.service';
import { NamespacePushListener } from './realtime/namespace-push.listener';

@Module({
  controllers: [NamespacesController, NacosNamespacesV1Controller, NacosNamespacesV2Controller],
  providers: [NamespaceRepository, NamespacesService, NamespacePushListener],
  exports: [NamespacesService],
})
export class NamespacesModule {}
