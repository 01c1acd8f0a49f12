// Mirrors Nacos 3.x client open API `/nacos/v3/client/cs/config` (ConfigOpenApiController), for
// HTTP clients that read configs without gRPC, in the {code, message, data} envelope:
//   GET dataId*, groupName*, namespaceId ("" or absent: public) → data ConfigQueryResponse
//       {content, md5, contentType, lastModified, beta, tag, ...}; per client, as v1 and v2: a
//       client a canary targets gets the candidate
//   A config that does not exist answers 200 {code:20004, message:"resource not found",
//   data:null}, as Nacos 3.x does. Bad input: 400 {code:10000 (missing) | 20002} naming the
//   parameter; refused access: 403 {code:10001}.
// A read does not record the caller as a listener (Nacos 3.x clients listen over gRPC).
import { Controller, Get, Headers, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { clientIpOf } from '../../common/http/client-ip';
import { isDomainError } from '../../common/errors/domain-error';
import { nacosV3Failure } from '../../common/nacos/nacos-error-tables';
import { NACOS_PATHS } from '../../common/nacos/nacos-paths';
import { NacosParams, type NacosParamMap } from '../../common/nacos/nacos-params';
import { nacosSuccess, type NacosV2Result } from '../../common/nacos/nacos-result';
import { NamespaceRead, fromNacosNamespaceId } from '../../identity/access';
import { NacosConfigOperations } from './nacos-config.operations';
import { clientLabels, configKeyFrom, toNacosConfigQueryResponse } from './nacos-config.mapper';

@ApiExcludeController()
@Controller(NACOS_PATHS.v3ClientConfig)
export class NacosConfigV3Controller {
  constructor(private readonly operations: NacosConfigOperations) {}

  @Get()
  @NamespaceRead(fromNacosNamespaceId)
  get(@NacosParams() params: NacosParamMap, @Headers('vipserver-tag') vipserverTag: string | undefined, @Req() request: FastifyRequest): NacosV2Result<Record<string, unknown> | null> {
    const key = configKeyFrom(params, 'namespaceId', 'groupName');
    const labels = clientLabels(params, vipserverTag);
    try {
      return nacosSuccess(toNacosConfigQueryResponse(this.operations.read(key, { ip: clientIpOf(request), labels }), labels));
    } catch (error) {
      if (isDomainError(error) && error.code === 'CONFIG_NOT_FOUND') return nacosV3Failure('CONFIG_NOT_FOUND');
      throw error;
    }
  }
}
