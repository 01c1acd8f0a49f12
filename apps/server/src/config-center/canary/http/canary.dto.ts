import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONFIG_TYPES,
  type AbortCanaryRequest,
  type CanaryPlan,
  type CanaryTarget,
  type ConfigType,
  type GetConfigQuery,
  type ListCanaryEventsQuery,
  type PromoteCanaryRequest,
  type StartCanaryRequest,
  type UpdateCanaryRequest,
} from '@switchboard/shared';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Min } from 'class-validator';
import { PageQueryDto } from '../../http/dto/config.dto';

// Shapes only: targets and plans are checked by the canary rules, for every transport.
const TARGET_DOC = {
  type: 'object',
  description: 'ips: client addresses; tags: instance tags / client labels; weight: 0–100 % of the remaining clients (stable hash)',
  properties: { ips: { type: 'array', items: { type: 'string' } }, tags: { type: 'array', items: { type: 'string' } }, weight: { type: 'number', minimum: 0, maximum: 100 } },
} as const;

const PLAN_DOC = {
  type: 'object',
  description: 'weight steps with a bake time each, and an optional health gate on a service of the namespace',
  properties: {
    steps: { type: 'array', items: { type: 'object', properties: { weight: { type: 'number' }, bakeMs: { type: 'integer' } } } },
    guard: { type: 'object', nullable: true, properties: { groupName: { type: 'string' }, serviceName: { type: 'string' }, maxUnhealthyPercent: { type: 'number' } } },
  },
} as const;

export class StartCanaryDto implements StartCanaryRequest {
  @ApiProperty({ description: 'the candidate content; validated like a publish' }) @IsString() content: string;
  @ApiPropertyOptional({ enum: CONFIG_TYPES, description: "default: the config's type" }) @IsOptional() @IsIn(CONFIG_TYPES) type?: ConfigType;
  @ApiPropertyOptional(TARGET_DOC) @IsOptional() @IsObject() target?: Partial<CanaryTarget>;
  @ApiPropertyOptional(PLAN_DOC) @IsOptional() @IsObject() plan?: CanaryPlan;
}

export class UpdateCanaryDto implements UpdateCanaryRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() content?: string;
  @ApiPropertyOptional({ enum: CONFIG_TYPES }) @IsOptional() @IsIn(CONFIG_TYPES) type?: ConfigType;
  @ApiPropertyOptional({ ...TARGET_DOC, description: 'parts given replace the current ones' }) @IsOptional() @IsObject() target?: Partial<CanaryTarget>;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedRevision?: number;
}

export class PromoteCanaryDto implements PromoteCanaryRequest {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedRevision?: number;
}

export class AbortCanaryDto implements AbortCanaryRequest {
  @ApiPropertyOptional({ maxLength: 512 }) @IsOptional() @IsString() reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedRevision?: number;
}

export class ListCanaryEventsQueryDto extends PageQueryDto implements ListCanaryEventsQuery {}

export class GetConfigQueryDto implements GetConfigQuery {
  @ApiPropertyOptional({ description: 'an IP address, or "self": resolve the answer that client gets (canary included); absent: the stable config' })
  @IsOptional()
  @IsString()
  asClient?: string;
  @ApiPropertyOptional({ description: 'comma-separated labels of that client (tag matching)' }) @IsOptional() @IsString() labels?: string;
}
