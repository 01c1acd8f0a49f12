import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NAMESPACE_RULE_TEXT, type CreateNamespaceRequest } from '@switchboard/shared';
import { IsInt, IsOptional, IsString } from 'class-validator';

// Types are checked here; the namespace rules themselves live in the domain, for every transport.
export class CreateNamespaceDto implements CreateNamespaceRequest {
  @ApiPropertyOptional({ description: `Id; generated (UUID) when absent. ${NAMESPACE_RULE_TEXT.id}`, example: 'dev' })
  @IsOptional()
  @IsString()
  namespaceId?: string;

  @ApiProperty({ description: NAMESPACE_RULE_TEXT.name, example: 'Development' })
  @IsString()
  name: string;

  @ApiPropertyOptional({ description: NAMESPACE_RULE_TEXT.description })
  @IsOptional()
  @IsString()
  description?: string;

  @ApiPropertyOptional({ description: `Maximum number of configs: ${NAMESPACE_RULE_TEXT.configQuota}`, example: 200 })
  @IsOptional()
  @IsInt()
  configQuota?: number;
}
