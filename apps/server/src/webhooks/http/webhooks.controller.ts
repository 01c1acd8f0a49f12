import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WEBHOOKS_ENDPOINTS as E, type CreatedWebhookView, type Page, type WebhookDeliveryView, type WebhookView } from '@switchboard/shared';
import { RequestActor } from '../../auth/request-actor';
import { AdminOnly } from '../../identity/access';
import type { Actor } from '../../identity/actor';
import { WebhookDeliveryLog } from '../webhook-delivery-log';
import { WebhooksService } from '../webhooks.service';
import { CreateWebhookDto, ListWebhookDeliveriesQueryDto, UpdateWebhookDto } from './dto/webhook.dto';
import { presentCreatedWebhook, presentDelivery, presentWebhook } from './webhook.presenter';

// Webhooks are administered by administrators only: a hook sees changes of every namespace it
// names (or all of them).
@ApiTags('webhooks')
@Controller()
@AdminOnly()
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly log: WebhookDeliveryLog,
  ) {}

  @Get(E.listWebhooks.path)
  @ApiOkResponse()
  async list(): Promise<WebhookView[]> {
    const hooks = this.webhooks.list();
    const latest = await this.log.latest(hooks.map((h) => h.id));
    return hooks.map((hook) => presentWebhook(hook, latest.get(hook.id) ?? null));
  }

  @Post(E.createWebhook.path)
  @ApiCreatedResponse()
  async create(@Body() body: CreateWebhookDto, @RequestActor() caller: Actor): Promise<CreatedWebhookView> {
    const { hook, newSecret } = await this.webhooks.create(body, caller);
    return presentCreatedWebhook(hook, newSecret!, null);
  }

  @Get(E.getWebhook.path)
  @ApiOkResponse()
  async get(@Param('id') id: string): Promise<WebhookView> {
    const hook = this.webhooks.get(id);
    return presentWebhook(hook, (await this.log.latest([id])).get(id) ?? null);
  }

  @Patch(E.updateWebhook.path)
  @ApiOkResponse({ description: 'The hook; with `secret` when rotateSecret was asked' })
  async update(@Param('id') id: string, @Body() body: UpdateWebhookDto, @RequestActor() caller: Actor): Promise<WebhookView | CreatedWebhookView> {
    const { hook, newSecret } = await this.webhooks.update(id, body, caller);
    const last = (await this.log.latest([id])).get(id) ?? null;
    return newSecret ? presentCreatedWebhook(hook, newSecret, last) : presentWebhook(hook, last);
  }

  @Delete(E.deleteWebhook.path)
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@Param('id') id: string, @RequestActor() caller: Actor): Promise<void> {
    await this.webhooks.delete(id, caller);
  }

  @Get(E.listWebhookDeliveries.path)
  @ApiOkResponse()
  async deliveries(@Param('id') id: string, @Query() query: ListWebhookDeliveriesQueryDto): Promise<Page<WebhookDeliveryView>> {
    this.webhooks.get(id);
    return this.log.list(id, query);
  }

  @Post(E.testWebhook.path)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The delivery of a `webhook.test` event, after its first attempt' })
  async test(@Param('id') id: string, @RequestActor() caller: Actor): Promise<WebhookDeliveryView> {
    return presentDelivery(await this.log.sendTest(this.webhooks.get(id), caller));
  }
}
