import { Controller, Get, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OVERVIEW_ENDPOINTS as E, type OverviewView } from '@switchboard/shared';
import type { FastifyRequest } from 'fastify';
import { Authenticated } from '../auth/access.decorators';
import { OverviewService } from './overview.service';

@ApiTags('overview')
@Controller()
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  // Every signed-in user: the view covers only the namespaces they may read.
  @Get(E.getOverview.path)
  @Authenticated()
  get(@Req() request: FastifyRequest): OverviewView {
    return this.overview.view(request.principal!);
  }
}
