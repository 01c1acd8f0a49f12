import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAGE_RULES, WEBHOOK_EVENTS, WEBHOOK_RULES, type CreateWebhookRequest, type ListWebhookDeliveriesQuery, type UpdateWebhookRequest, type WebhookDeliveryStatus, type WebhookEventType } from '@switchboard/shared';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

// Types are checked here; the webhook rules themselves (URL, events, lengths) live in the domain.
const url = { description: `http: or https: URL without user name or password, at most ${WEBHOOK_RULES.urlMaxLength} characters`, example: 'https://hooks.example.com/switchboard' };
const events = { description: 'Event types delivered to this hook (at least one)', enum: WEBHOOK_EVENTS, isArray: true } as const;
const namespace = { description: 'Only changes of this namespace; null or absent: every namespace', type: String, nullable: true } as const;

export class CreateWebhookDto implements CreateWebhookRequest {
  @ApiProperty({ description: `1 to ${WEBHOOK_RULES.nameMaxLength} characters` }) @IsString() name: string;
  @ApiProperty(url) @IsString() url: string;
  @ApiProperty(events) @IsArray() @IsString({ each: true }) events: WebhookEventType[];
  @ApiPropertyOptional(namespace) @IsOptional() @IsString() namespaceId?: string | null;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: `Signing secret, ${WEBHOOK_RULES.secretMinLength} to ${WEBHOOK_RULES.secretMaxLength} characters; generated when absent. Answered once.` })
  @IsOptional()
  @IsString()
  secret?: string;
}

export class UpdateWebhookDto implements UpdateWebhookRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() name?: string;
  @ApiPropertyOptional(url) @IsOptional() @IsString() url?: string;
  @ApiPropertyOptional(events) @IsOptional() @IsArray() @IsString({ each: true }) events?: WebhookEventType[];
  @ApiPropertyOptional(namespace) @IsOptional() @IsString() namespaceId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'A new generated secret, answered once in this response' }) @IsOptional() @IsBoolean() rotateSecret?: boolean;
}

export class ListWebhookDeliveriesQueryDto implements ListWebhookDeliveriesQuery {
  @ApiPropertyOptional({ enum: ['pending', 'succeeded', 'retrying', 'failed'] }) @IsOptional() @IsIn(['pending', 'succeeded', 'retrying', 'failed']) status?: WebhookDeliveryStatus;
  @ApiPropertyOptional({ default: 1, maximum: PAGE_RULES.maxPageNo }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_RULES.maxPageNo) pageNo?: number;
  @ApiPropertyOptional({ default: 20, maximum: PAGE_RULES.maxPageSize }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_RULES.maxPageSize) pageSize?: number;
}
