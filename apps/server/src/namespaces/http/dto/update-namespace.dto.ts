import { ApiPropertyOptional } from '@nestjs/swagger';
import { NAMESPACE_RULE_TEXT, type UpdateNamespaceRequest } from '@switchboard/shared';
import { IsInt, IsOptional, IsString } from 'class-validator';

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
}
