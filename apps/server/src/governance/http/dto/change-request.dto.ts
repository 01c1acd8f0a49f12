import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANGE_REQUEST_RULES,
  CHANGE_REQUEST_STATES,
  type ChangeItemRequest,
  type ChangeRequestState,
  type CommentChangeRequestRequest,
  type CreateChangeRequestRequest,
  type ListChangeRequestsQuery,
  type ReviewChangeRequestRequest,
  type UpdateChangeRequestRequest,
} from '@switchboard/shared';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { PageQueryDto } from '../../../config-center/http/dto/config.dto';

// Shapes only: items are checked by the change request rules (items[i].field), for every caller.
const ITEMS_DOC = {
  type: 'array',
  description: `1 to ${CHANGE_REQUEST_RULES.maxItems} changes, one per config: action publish (content, type), delete, or canary (content, type, canary.target, canary.plan; alone in its request); baseVersion: the head version edited (default: the current head; 0: a new config)`,
  items: {
    type: 'object',
    properties: {
      group: { type: 'string' },
      dataId: { type: 'string' },
      action: { type: 'string', description: 'publish, delete or canary' },
      content: { type: 'string' },
      type: { type: 'string' },
      baseVersion: { type: 'integer' },
      canary: { type: 'object' },
    },
  },
} as const;

export class CreateChangeRequestDto implements CreateChangeRequestRequest {
  @ApiProperty({ maxLength: CHANGE_REQUEST_RULES.titleMaxLength }) @IsString() title: string;
  @ApiPropertyOptional({ maxLength: CHANGE_REQUEST_RULES.descriptionMaxLength }) @IsOptional() @IsString() description?: string;
  @ApiProperty(ITEMS_DOC) @IsArray() items: ChangeItemRequest[];
}

export class UpdateChangeRequestDto implements UpdateChangeRequestRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() description?: string;
  @ApiPropertyOptional({ ...ITEMS_DOC, description: `replaces every item; approvals are reset. ${ITEMS_DOC.description}` }) @IsOptional() @IsArray() items?: ChangeItemRequest[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) expectedRevision?: number;
}

export class ReviewChangeRequestDto implements ReviewChangeRequestRequest {
  @ApiPropertyOptional({ description: 'kept as a comment of the request' }) @IsOptional() @IsString() comment?: string;
  @ApiPropertyOptional({ description: 'refused with CHANGE_REQUEST_CONFLICT when the request moved on' }) @IsOptional() @IsInt() @Min(1) expectedRevision?: number;
}

export class CommentChangeRequestDto implements CommentChangeRequestRequest {
  @ApiProperty({ maxLength: CHANGE_REQUEST_RULES.commentMaxLength }) @IsString() body: string;
}

export class ListChangeRequestsQueryDto extends PageQueryDto implements ListChangeRequestsQuery {
  @ApiPropertyOptional({ enum: CHANGE_REQUEST_STATES }) @IsOptional() @IsIn(CHANGE_REQUEST_STATES) state?: ChangeRequestState;
  @ApiPropertyOptional() @IsOptional() @IsString() @Type(() => String) author?: string;
}
