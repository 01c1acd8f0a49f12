import { ApiProperty } from '@nestjs/swagger';
import type { NamespaceView, ReviewPolicyView } from '@switchboard/shared';

// OpenAPI description of NamespaceView (the wire type itself lives in libs/shared).
export class NamespaceViewDto implements NamespaceView {
  @ApiProperty({ example: 'dev' }) namespaceId: string;
  @ApiProperty({ example: 'Development' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 200 }) configQuota: number;
  @ApiProperty({ example: 0 }) configCount: number;
  @ApiProperty({ description: 'true for the built-in "public" namespace' }) builtIn: boolean;
  @ApiProperty({ description: '`required`: configs change only through approved change requests (or a publish-direct token)', example: { mode: 'off', minApprovals: 1 } }) reviewPolicy: ReviewPolicyView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
