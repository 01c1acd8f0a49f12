import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PAGE_RULES,
  PERMISSION_ACTIONS,
  type BindRoleRequest,
  type ChangePasswordRequest,
  type CreateAccessTokenRequest,
  type CreateUserRequest,
  type GrantPermissionRequest,
  type ListAuditQuery,
  type LoginRequest,
  type PermissionAction,
} from '@switchboard/shared';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty() @IsString() username: string;
  @ApiProperty() @IsString() password: string;
}

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty() @IsString() username: string;
  @ApiProperty({ minLength: 8 }) @IsString() password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ minLength: 8 }) @IsString() password: string;
}

export class BindRoleDto implements BindRoleRequest {
  @ApiProperty() @IsString() role: string;
  @ApiProperty() @IsString() username: string;
}

export class PermissionDto implements GrantPermissionRequest {
  @ApiProperty() @IsString() role: string;
  @ApiProperty({ description: 'a namespace id, or * for every namespace' }) @IsString() namespaceId: string;
  @ApiProperty({ enum: PERMISSION_ACTIONS, description: 'read; write (publish, includes read); review (approve change requests, includes read)' }) @IsIn(PERMISSION_ACTIONS) action: PermissionAction;
}

export class CreateAccessTokenDto implements CreateAccessTokenRequest {
  @ApiProperty() @IsString() name: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() expiresInDays?: number;
  @ApiPropertyOptional({ description: 'administrators only: the token publishes directly where review is required (automation); every use is audited' }) @IsOptional() @IsBoolean() publishDirect?: boolean;
}

export class ListAuditQueryDto implements ListAuditQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() actor?: string;
  @ApiPropertyOptional({ description: 'prefix, e.g. "config."' }) @IsOptional() @IsString() action?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() targetType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() namespaceId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsString() since?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsString() until?: string;
  @ApiPropertyOptional({ default: 1, maximum: PAGE_RULES.maxPageNo }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_RULES.maxPageNo) pageNo?: number;
  @ApiPropertyOptional({ default: 50, maximum: PAGE_RULES.maxPageSize }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_RULES.maxPageSize) pageSize?: number;
}
