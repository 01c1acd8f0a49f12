import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ClusterModule } from './cluster/cluster.module';
import { CommonModule } from './common/common.module';
import { AppExceptionFilter } from './common/http/app-exception.filter';
import { DatabaseModule } from './database/database.module';
import { NamespacesModule } from './namespaces/namespaces.module';
import { NamingModule } from './naming/naming.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConfigCenterModule } from './config-center/config-center.module';
import { OpsModule } from './ops/ops.module';
import { OverviewModule } from './overview/overview.module';
import { RealtimeModule } from './realtime/realtime.module';
import { GrpcModule } from './grpc/grpc.module';
import { GovernanceModule } from './governance/governance.module';
import type { Settings } from './settings/settings';
import { SettingsModule } from './settings/settings.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [SettingsModule.forRoot(settings), CommonModule, ClusterModule, DatabaseModule, OpsModule, RealtimeModule, GrpcModule, NamespacesModule, AuthModule, NamingModule, ConfigCenterModule, GovernanceModule, AuditModule, OverviewModule, WebhooksModule],
      providers: [{ provide: APP_FILTER, useClass: AppExceptionFilter }],
    };
  }
}
