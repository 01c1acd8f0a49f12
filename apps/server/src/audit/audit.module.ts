import { Module } from '@nestjs/common';
import { AuditTrailListener } from './audit-trail.listener';

@Module({ providers: [AuditTrailListener] })
export class AuditModule {}
