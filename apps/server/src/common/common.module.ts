import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { DomainEvents } from './events/domain-events';
import { HotRoutes } from './http/hot-routes';

@Global()
@Module({ providers: [Clock, DomainEvents, HotRoutes], exports: [Clock, DomainEvents, HotRoutes] })
export class CommonModule {}
