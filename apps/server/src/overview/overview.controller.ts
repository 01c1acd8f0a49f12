import { Controller, Get, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OVERVIEW_ENDPOINTS as E, type OverviewView } from '@switchboard/shared';
import type { FastifyRequest } from 'fastify';
import { OverviewService } from './overview.service';
import { Authenticated } from '../identity/access';

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
