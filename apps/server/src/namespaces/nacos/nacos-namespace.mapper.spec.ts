import { describe, expect, it } from 'vitest';
import { DomainError, validationFailed } from '../../common/errors/domain-error';
import { renameErrorFields } from '../../common/nacos/field-aliases';
import { NamespaceEntity } from '../domain/namespace.entity';
import { V1_FIELD_ALIASES, createCommandFromV1, toNacosNamespace, updateCommandFromV1, updateCommandFromV2 } from './nacos-namespace.mapper';

describe('nacos namespace mapper', () => {
  it('should map a namespace to the Nacos view, public as the built-in type', () => {
    const at = new Date();
    const base = { description: 'd', configQuota: 200, createdAt: at, updatedAt: at };
    expect(toNacosNamespace(Object.assign(new NamespaceEntity(), { namespaceId: 'public', name: 'public', ...base }), 0)).toEqual({
      namespace: 'public',
      namespaceShowName: 'public',
      namespaceDesc: 'd',
      quota: 200,
      configCount: 0,
      type: 0,
    });
    expect(toNacosNamespace(Object.assign(new NamespaceEntity(), { namespaceId: 'dev', name: 'Dev', ...base }), 3).type).toBe(2);
  });

  it('should treat a blank customNamespaceId as absent (the server generates one)', () => {
    expect(createCommandFromV1({ customNamespaceId: '', namespaceName: 'N' })).toEqual({ namespaceId: undefined, name: 'N', description: undefined });
  });

  it('should name the missing Nacos parameter', () => {
    expect(() => createCommandFromV1({ customNamespaceId: 'x' })).toThrow('namespaceName: is required');
    expect(() => updateCommandFromV1({ namespace: 'x' })).toThrow('namespaceShowName: is required');
    expect(() => updateCommandFromV2({ namespaceName: 'x' })).toThrow('namespaceId: is required');
  });

  it('should rename domain field names to the Nacos parameter names', () => {
    const renamed = renameErrorFields(validationFailed([{ field: 'namespaceId', rule: 'pattern', message: 'bad' }]), V1_FIELD_ALIASES) as DomainError;
    expect(renamed.message).toBe('customNamespaceId: bad');
    const exists = renameErrorFields(new DomainError('NAMESPACE_ALREADY_EXISTS', 'namespaceId: taken'), V1_FIELD_ALIASES) as DomainError;
    expect(exists.message).toBe('customNamespaceId: taken');
    expect(exists.code).toBe('NAMESPACE_ALREADY_EXISTS');
  });
});
