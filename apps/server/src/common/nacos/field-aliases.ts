import type { FieldViolation } from '@switchboard/shared';
import { DomainError, validationFailed } from '../errors/domain-error';

// Domain errors name fields as our own API does; Nacos callers know other parameter names.
// Translating the names is the adapter's job, so callers read the parameter they sent.
export function renameErrorFields(error: unknown, aliases: Record<string, string>): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    return validationFailed(
      (error.details as FieldViolation[]).map((v) => ({ ...v, field: aliases[v.field] ?? v.field })),
    );
  }
  const match = /^(\w+): /.exec(error.message);
  const alias = match ? aliases[match[1]] : undefined;
  if (!alias) return error;
  return new DomainError(error.code, `${alias}: ${error.message.slice(match![0].length)}`, error.details);
}

export async function withFieldAliases<T>(aliases: Record<string, string>, action: () => Promise<T> | T): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw renameErrorFields(error, aliases);
  }
}
