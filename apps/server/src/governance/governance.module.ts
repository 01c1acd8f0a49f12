import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigCenterModule } from '../config-center/config-center.module';
import { NamespacesModule } from '../namespaces/namespaces.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { ChangeRequestRepository } from './change-request.repository';
import { ChangeRequestsService } from './change-requests.service';
import { ChangeRequestCommentEntity, ChangeRequestEntity } from './domain/change-request.entity';
import { ChangeRequestsController } from './http/change-requests.controller';
import { ChangeRequestPushListener } from './realtime/change-request-push.listener';

// Change governance: change requests reviewed before they change configs. The review policy
// itself is the namespace's (namespaces/domain/review-policy.ts), enforced by every publish
// path of the config center; this area is the reviewed way through.
@Module({
  imports: [RealtimeModule, TypeOrmModule.forFeature([ChangeRequestEntity, ChangeRequestCommentEntity]), NamespacesModule, ConfigCenterModule],
  controllers: [ChangeRequestsController],
  providers: [ChangeRequestRepository, ChangeRequestsService, ChangeRequestPushListener],
  exports: [ChangeRequestsService],
})
export class GovernanceModule {}
