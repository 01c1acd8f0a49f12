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

// What a finished check was about: a result holds only for the input it checked.
interface CheckedState extends ValidationState {
  checked?: { content: string; type: ConfigType; schema: string | null | undefined; key: string };
}

export interface ValidationInput {
  key: ConfigKey;
  content: string;
  type: ConfigType;
  schema?: string | null; // absent: the config's attached schema; null: none
}

const IDLE: CheckedState = { status: 'idle', violations: [] };

// The server's dry run of a publish, run ~300 ms after the last change; a newer input cancels
// the check in flight. The last violations stay shown while a new check runs, so the marks do
// not flicker while typing. `input` null: nothing to check.
export function useConfigValidation(input: ValidationInput | null): ValidationState {
  const [state, setState] = useState<CheckedState>(IDLE);
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
      const checked = { content: body.content, type, schema, key: keyOf(namespaceId, group, dataId) };
      validateConfig({ namespaceId, group, dataId }, body, controller.signal).then(
        (result) => {
          if (!controller.signal.aborted)
            setState({ status: result.valid ? 'valid' : 'invalid', violations: result.violations, checked });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'failed', violations: [], error, checked });
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [active, namespaceId, group, dataId, content, type, schema]);

  // From the render that changes the input on, an older result reads as "checking": the effect
  // that says so runs only after that render is on screen, and a click in between would
  // publish on the strength of the previous text's check.
  const { checked } = state;
  const current =
    !checked ||
    (checked.content === (content ?? '') && checked.type === type && checked.schema === schema && checked.key === keyOf(namespaceId, group, dataId));
  if (!active || current) return state;
  return { status: 'checking', violations: state.violations };
}

function keyOf(namespaceId: string | undefined, group: string | undefined, dataId: string | undefined): string {
  return `${namespaceId}\u0000${group}\u0000${dataId}`;
}

// Publishing waits for a passed (or unavailable) check: never while invalid or still checking.
export function blocksPublish(state: ValidationState): boolean {
  return state.status === 'invalid' || state.status === 'checking';
}
