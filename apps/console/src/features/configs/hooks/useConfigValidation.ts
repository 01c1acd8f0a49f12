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

// A finished check and the input it checked: its result holds only for that input.
interface FinishedCheck {
  of: { namespaceId: string; group: string; dataId: string; content: string; type: ConfigType; schema: string | null | undefined };
  result: ValidationState;
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
  const [last, setLast] = useState<FinishedCheck | undefined>(undefined);
  const { namespaceId, group, dataId } = input?.key ?? {};
  const content = input?.content;
  const type = input?.type;
  const schema = input?.schema;
  const active = input !== null;

  useEffect(() => {
    if (!active || namespaceId === undefined || group === undefined || dataId === undefined || type === undefined) {
      setLast(undefined);
      return;
    }
    const of = { namespaceId, group, dataId, content: content ?? '', type, schema };
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const body = { content: of.content, type, ...(schema !== undefined ? { schema } : {}) };
      validateConfig({ namespaceId, group, dataId }, body, controller.signal).then(
        (result) => {
          if (!controller.signal.aborted) setLast({ of, result: { status: result.valid ? 'valid' : 'invalid', violations: result.violations } });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setLast({ of, result: { status: 'failed', violations: [], error } });
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [active, namespaceId, group, dataId, content, type, schema]);

  if (!active) return IDLE;
  // "Checking" is derived, not stored: from the very render that changes the input on, an older
  // result no longer counts (a click before an effect ran would otherwise publish on the
  // strength of the previous text's check).
  const of = last?.of;
  if (of && of.namespaceId === namespaceId && of.group === group && of.dataId === dataId && of.content === (content ?? '') && of.type === type && of.schema === schema) return last.result;
  return { status: 'checking', violations: last?.result.violations ?? [] };
}

// Publishing waits for a passed (or unavailable) check: never while invalid or still checking.
export function blocksPublish(state: ValidationState): boolean {
  return state.status === 'invalid' || state.status === 'checking';
}
