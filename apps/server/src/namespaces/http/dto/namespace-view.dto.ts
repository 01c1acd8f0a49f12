import { ApiProperty } from '@nestjs/swagger';
import type { NamespaceView } from '@switchboard/shared';

// OpenAPI description of NamespaceView (the wire type itself lives in libs/shared).
export class NamespaceViewDto implements NamespaceView {
  @ApiProperty({ example: 'dev' }) namespaceId: string;
  @ApiProperty({ example: 'Development' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 200 }) configQuota: number;
  @ApiProperty({ example: 0 }) configCount: number;
  @ApiProperty({ description: 'true for the built-in "public" namespace' }) builtIn: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
