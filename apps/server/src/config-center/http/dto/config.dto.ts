import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONFIG_RULES,
  CONFIG_RULE_TEXT,
  CONFIG_TYPES,
  PAGE_RULES,
  type CloneConfigsRequest,
  type ConfigSearchMode,
  type ConfigType,
  type ConflictPolicy,
  type DeleteConfigQuery,
  type DiffQuery,
  type ExportQuery,
  type ImportQuery,
  type ListConfigsQuery,
  type ListVersionsQuery,
  type PublishConfigRequest,
  type RollbackConfigRequest,
  type ValidateConfigRequest,
} from '@switchboard/shared';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';

// Shapes and types only; the config rules live in the domain, for every transport.
const POLICIES: ConflictPolicy[] = ['abort', 'skip', 'overwrite'];

export class PublishConfigDto implements PublishConfigRequest {
  @ApiProperty({ description: 'the content; its syntax is checked for the type' }) @IsString() content: string;
  @ApiPropertyOptional({ enum: CONFIG_TYPES, description: 'default: the current type, text for a new config' }) @IsOptional() @IsIn(CONFIG_TYPES) type?: ConfigType;
  @ApiPropertyOptional() @IsOptional() @IsString() appName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() description?: string;
  @ApiPropertyOptional({ type: [String], maxItems: CONFIG_RULES.maxTags, description: CONFIG_RULE_TEXT.tag }) @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'JSON Schema text every publish must satisfy; null detaches it' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  schema?: string | null;
  @ApiPropertyOptional({ description: 'optimistic concurrency: the version you edited (0: must not exist yet)' }) @IsOptional() @IsInt() @Min(0) expectedVersion?: number;
}

export class ValidateConfigDto implements ValidateConfigRequest {
  @ApiProperty() @IsString() content: string;
  @ApiProperty({ enum: CONFIG_TYPES }) @IsIn(CONFIG_TYPES) type: ConfigType;
  @ApiPropertyOptional({ type: String, nullable: true, description: "JSON Schema text; absent: the config's attached schema" })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  schema?: string | null;
}

export class DeleteConfigQueryDto implements DeleteConfigQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) expectedVersion?: number;
}

export class RollbackConfigDto implements RollbackConfigRequest {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) expectedVersion?: number;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 1, maximum: PAGE_RULES.maxPageNo }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_RULES.maxPageNo) pageNo?: number;
  @ApiPropertyOptional({ default: 20, maximum: PAGE_RULES.maxPageSize }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_RULES.maxPageSize) pageSize?: number;
}

// The pattern bounds are checked by the search itself, for every transport; declared here for the API document.
const searchPattern = { maxLength: CONFIG_RULES.searchPatternMaxLength, description: CONFIG_RULE_TEXT.searchPattern } as const;

export class ListConfigsQueryDto extends PageQueryDto implements ListConfigsQuery {
  @ApiPropertyOptional(searchPattern) @IsOptional() @IsString() group?: string;
  @ApiPropertyOptional(searchPattern) @IsOptional() @IsString() dataId?: string;
  @ApiPropertyOptional(searchPattern) @IsOptional() @IsString() appName?: string;
  @ApiPropertyOptional({ description: `comma-separated; every one must match; ${CONFIG_RULE_TEXT.tag}` }) @IsOptional() @IsString() tags?: string;
  @ApiPropertyOptional({ enum: ['exact', 'blur'], description: 'blur: "*" matches any run of characters' }) @IsOptional() @IsIn(['exact', 'blur']) mode?: ConfigSearchMode;
}

export class ListVersionsQueryDto extends PageQueryDto implements ListVersionsQuery {}

export class DiffQueryDto implements DiffQuery {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) from: number;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) to: number;
}

export class ExportQueryDto implements ExportQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() group?: string;
  @ApiPropertyOptional({ description: 'comma-separated dataIds' }) @IsOptional() @IsString() dataIds?: string;
}

export class ImportQueryDto implements ImportQuery {
  @ApiPropertyOptional({ enum: POLICIES, default: 'abort' }) @IsOptional() @IsIn(POLICIES) policy?: ConflictPolicy;
}

export class CloneConfigsDto implements CloneConfigsRequest {
  @ApiProperty() @IsString() targetNamespaceId: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { group: { type: 'string' }, dataId: { type: 'string' } } } }) @IsOptional() @IsArray() keys?: { group: string; dataId: string }[];
  @ApiPropertyOptional({ enum: POLICIES, default: 'abort' }) @IsOptional() @IsIn(POLICIES) policy?: ConflictPolicy;
}
