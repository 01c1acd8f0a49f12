import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NamespaceEntity } from './domain/namespace.entity';
import { NamespacesController } from './http/namespaces.controller';
import { NacosNamespacesV1Controller } from './nacos/nacos-namespaces-v1.controller';
import { NacosNamespacesV2Controller } from './nacos/nacos-namespaces-v2.controller';
import { NacosNamespacesV3Controller } from './nacos/nacos-namespaces-v3.controller';
import { NamespaceRepository } from './namespace.repository';
import { NamespacesService } from './namespaces.service';
import { NamespacePushListener } from './realtime/namespace-push.listener';
import { RealtimeModule } from '../realtime/realtime.module';

@Module({
  imports: [RealtimeModule, TypeOrmModule.forFeature([NamespaceEntity])],
  controllers: [NamespacesController, NacosNamespacesV1Controller, NacosNamespacesV2Controller, NacosNamespacesV3Controller],
  providers: [NamespaceRepository, NamespacesService, NamespacePushListener],
  exports: [NamespacesService],
})
export class NamespacesModule {}
