import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { DomainEvents } from './events/domain-events';
import { ExpensiveRequests } from './http/expensive-requests';
import { HttpDrain } from './http/http-drain';
import { HotRoutes } from './http/hot-routes';

@Global()
@Module({ providers: [Clock, DomainEvents, HotRoutes, HttpDrain, ExpensiveRequests], exports: [Clock, DomainEvents, HotRoutes, HttpDrain, ExpensiveRequests] })
export class CommonModule {}
