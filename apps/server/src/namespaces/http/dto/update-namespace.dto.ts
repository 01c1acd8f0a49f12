import { ApiPropertyOptional } from '@nestjs/swagger';
import { NAMESPACE_RULE_TEXT, type ReviewPolicyRequest, type UpdateNamespaceRequest } from '@switchboard/shared';
import { IsInt, IsObject, IsOptional, IsString } from 'class-validator';

export class UpdateNamespaceDto implements UpdateNamespaceRequest {
  @ApiPropertyOptional({ description: `${NAMESPACE_RULE_TEXT.name}; the built-in "public" cannot be renamed` })
  @IsOptional()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ description: NAMESPACE_RULE_TEXT.description })
  @IsOptional()
  @IsString()
  description?: string;

  @ApiPropertyOptional({ description: NAMESPACE_RULE_TEXT.configQuota })
  @IsOptional()
  @IsInt()
  configQuota?: number;

  @ApiPropertyOptional({ description: 'Review policy: mode `off` or `required`, minApprovals 1 to 10 (default 1). `required` needs authentication on.', example: { mode: 'required', minApprovals: 1 } })
  @IsOptional()
  @IsObject()
  reviewPolicy?: ReviewPolicyRequest;
}
