import { useEffect, useState } from 'react';
import type { ConfigKey, ConfigType, FieldViolation } from '@switchboard/shared';
import { validateConfig } from '../../../api/configs.api';

export const VALIDATE_DELAY_MS = 300;

export type ValidationStatus = 'idle' | 'checking' | 'valid' | 'invalid' | 'failed';

export interface ValidationState {
  status: ValidationStatus; // failed: the check itself could not run (the server still checks on publish)
  violations: FieldViolation[];
  error?: unknown;
}

export interface ValidationInput {
  key: ConfigKey;
  content: string;
  type: ConfigType;
  schema?: string | null; // absent: the config's attached schema; null: none
}

const IDLE: ValidationState = { status: 'idle', violations: [] };

// The server's dry run of a publish, run ~300 ms after the last change; a newer input cancels
// the check in flight. The last violations stay shown while a new check runs, so the marks do
// not flicker while typing. `input` null: nothing to check.
export function useConfigValidation(input: ValidationInput | null): ValidationState {
  const [state, setState] = useState<ValidationState>(IDLE);
  const { namespaceId, group, dataId } = input?.key ?? {};
  const content = input?.content;
  const type = input?.type;
  const schema = input?.schema;
  const active = input !== null;

  useEffect(() => {
    if (!active || namespaceId === undefined || group === undefined || dataId === undefined || type === undefined) {
      setState(IDLE);
      return;
    }
    setState((current) => ({ ...current, status: 'checking', error: undefined }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const body = { content: content ?? '', type, ...(schema !== undefined ? { schema } : {}) };
      validateConfig({ namespaceId, group, dataId }, body, controller.signal).then(
        (result) => {
          if (!controller.signal.aborted)
            setState({ status: result.valid ? 'valid' : 'invalid', violations: result.violations });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'failed', violations: [], error });
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [active, namespaceId, group, dataId, content, type, schema]);

  return state;
}

// Publishing waits for a passed (or unavailable) check: never while invalid or still checking.
export function blocksPublish(state: ValidationState): boolean {
  return state.status === 'invalid' || state.status === 'checking';
}
