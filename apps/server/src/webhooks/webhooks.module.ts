import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NamespacesModule } from '../namespaces/namespaces.module';
import { WebhookDeliveryEntity, WebhookEntity } from './domain/webhook.entity';
import { WebhooksController } from './http/webhooks.controller';
import { WebhookDeliveryLog } from './webhook-delivery-log';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEventsListener } from './webhook-events.listener';
import { WebhookRepository } from './webhook.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [NamespacesModule, TypeOrmModule.forFeature([WebhookEntity, WebhookDeliveryEntity])],
  controllers: [WebhooksController],
  providers: [WebhookRepository, WebhooksService, WebhookDispatcher, WebhookDeliveryLog, WebhookEventsListener],
})
export class WebhooksModule {}
