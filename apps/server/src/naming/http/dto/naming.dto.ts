import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NAMING_RULES,
  NAMING_RULE_TEXT,
  PAGE_RULES,
  type ClusterView,
  type CreateServiceRequest,
  type ListInstancesQuery,
  type ListServicesQuery,
  type RegisterInstanceRequest,
  type UpdateInstanceRequest,
  type UpdateServiceRequest,
} from '@switchboard/shared';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';

// Shapes and types only; the registry rules live in the domain, for every transport.
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

// Metadata rules (NAMING_RULES) are checked by the registry for every transport; declared here for the API document.
const metadataProperty = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: NAMING_RULES.metadataValueMaxLength },
  maxProperties: NAMING_RULES.maxMetadataEntries,
  description: NAMING_RULE_TEXT.metadata,
} as const;

export class ListServicesQueryDto implements ListServicesQuery {
  @ApiPropertyOptional({ maxLength: NAMING_RULES.nameMaxLength }) @IsOptional() @IsString() groupName?: string;
  @ApiPropertyOptional({ description: 'substring of the service name, case-insensitive', maxLength: NAMING_RULES.nameMaxLength }) @IsOptional() @IsString() serviceName?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() hideEmpty?: boolean;
  @ApiPropertyOptional({ default: 1, maximum: PAGE_RULES.maxPageNo }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_RULES.maxPageNo) pageNo?: number;
  @ApiPropertyOptional({ default: 20, maximum: PAGE_RULES.maxPageSize }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_RULES.maxPageSize) pageSize?: number;
}

export class ListInstancesQueryDto implements ListInstancesQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() healthyOnly?: boolean;
  @ApiPropertyOptional({ description: 'comma-separated cluster names' }) @IsOptional() @IsString() clusters?: string;
  @ApiPropertyOptional({ description: 'comma-separated tags; an instance must carry every one' }) @IsOptional() @IsString() tags?: string;
  @ApiPropertyOptional({ description: 'operator view: disabled instances too, listed after the others (discovery leaves them out)', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeDisabled?: boolean;
}

export class CreateServiceDto implements CreateServiceRequest {
  @ApiPropertyOptional({ default: 'DEFAULT_GROUP' }) @IsOptional() @IsString() groupName?: string;
  @ApiProperty({ description: NAMING_RULE_TEXT.name }) @IsString() serviceName: string;
  @ApiPropertyOptional({ description: NAMING_RULE_TEXT.protectThreshold }) @IsOptional() @IsNumber() protectThreshold?: number;
  @ApiPropertyOptional(metadataProperty) @IsOptional() @IsObject() metadata?: Record<string, string>;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) @IsOptional() @IsArray() clusters?: ClusterView[];
}

export class UpdateServiceDto implements UpdateServiceRequest {
  @ApiPropertyOptional({ description: NAMING_RULE_TEXT.protectThreshold }) @IsOptional() @IsNumber() protectThreshold?: number;
  @ApiPropertyOptional(metadataProperty) @IsOptional() @IsObject() metadata?: Record<string, string>;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } }) @IsOptional() @IsArray() clusters?: ClusterView[];
}

export class RegisterInstanceDto implements RegisterInstanceRequest {
  @ApiProperty({ description: NAMING_RULE_TEXT.ip }) @IsString() ip: string;
  @ApiProperty({ description: NAMING_RULE_TEXT.port }) @IsInt() port: number;
  @ApiPropertyOptional({ default: 'DEFAULT' }) @IsOptional() @IsString() clusterName?: string;
  @ApiPropertyOptional({ description: NAMING_RULE_TEXT.weight, default: 1 }) @IsOptional() @IsNumber() weight?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() healthy?: boolean;
  @ApiPropertyOptional({ default: true, description: 'false: stored and probed by the server' }) @IsOptional() @IsBoolean() ephemeral?: boolean;
  @ApiPropertyOptional(metadataProperty) @IsOptional() @IsObject() metadata?: Record<string, string>;
  @ApiPropertyOptional({ type: [String], maxItems: NAMING_RULES.maxTags, description: NAMING_RULE_TEXT.tag }) @IsOptional() @IsArray() tags?: string[];
}

export class UpdateInstanceDto implements UpdateInstanceRequest {
  @ApiPropertyOptional({ description: NAMING_RULE_TEXT.weight }) @IsOptional() @IsNumber() weight?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional(metadataProperty) @IsOptional() @IsObject() metadata?: Record<string, string>;
  @ApiPropertyOptional({ type: [String], maxItems: NAMING_RULES.maxTags, description: NAMING_RULE_TEXT.tag }) @IsOptional() @IsArray() tags?: string[];
}
