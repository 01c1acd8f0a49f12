import type { ServiceKey } from '@switchboard/shared';
import { fieldViolation, validationFailed } from '../../common/errors/domain-error';
import type { InstanceAddress } from '../instance-registration.service';

// Path parameters of the registry routes, checked and typed once.
export function serviceKeyOf(params: { namespaceId: string; groupName: string; serviceName: string }): ServiceKey {
  return { namespaceId: params.namespaceId, groupName: params.groupName, serviceName: params.serviceName };
}

export function instanceAddressOf(params: { clusterName: string; ip: string; port: string }): InstanceAddress {
  const port = Number(params.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw validationFailed([fieldViolation('port', 'range', 'must be an integer from 1 to 65535')]);
  }
  return { clusterName: params.clusterName, ip: params.ip, port };
}


export { commaList } from '../../common/http/comma-list';
