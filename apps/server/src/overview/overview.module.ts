import { Module } from '@nestjs/common';
import { ConfigCenterModule } from '../config-center/config-center.module';
import { NamespacesModule } from '../namespaces/namespaces.module';
import { NamingModule } from '../naming/naming.module';
import { OverviewController } from './overview.controller';
import { OverviewPushListener } from './overview-push.listener';
import { OverviewService } from './overview.service';
import { RealtimeModule } from '../realtime/realtime.module';
import { GrpcModule } from '../grpc/grpc.module';

// A read model over the other features' in-memory indexes (it owns no data).
@Module({
  imports: [RealtimeModule, GrpcModule, NamespacesModule, NamingModule, ConfigCenterModule],
  controllers: [OverviewController],
  providers: [OverviewService, OverviewPushListener],
})
export class OverviewModule {}
