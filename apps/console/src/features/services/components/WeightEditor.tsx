import { InputNumber } from 'antd';
import { NAMING_RULES } from '@switchboard/shared';
import { useEffect, useRef, useState } from 'react';

export interface WeightEditorProps {
  value: number;
  ariaLabel: string;
  onSave: (weight: number) => Promise<unknown>; // rejects: the field returns to `value`
}

// Inline weight: saved on Enter or when the field loses focus, if it changed.
export function WeightEditor({ value, ariaLabel, onSave }: WeightEditorProps) {
  const [draft, setDraft] = useState<number | null>(value);
  const [saving, setSaving] = useState(false);
  const focused = useRef(false);
  const inFlight = useRef<number | undefined>(undefined);

  // A change from elsewhere shows unless the user is typing.
  useEffect(() => {
    if (!focused.current) setDraft(value);
  }, [value]);

  const commit = async () => {
    if (draft === null) {
      setDraft(value);
      return;
    }
    if (draft === value || draft === inFlight.current) return;
    inFlight.current = draft;
    setSaving(true);
    try {
      await onSave(draft);
    } catch {
      setDraft(value);
    } finally {
      inFlight.current = undefined;
      setSaving(false);
    }
  };

  return (
    <InputNumber
      size="small"
      min={NAMING_RULES.weightMin}
      max={NAMING_RULES.weightMax}
      step={1}
      value={draft}
      onChange={(next) => setDraft(typeof next === 'number' ? next : null)}
      onFocus={() => (focused.current = true)}
      onBlur={() => {
        focused.current = false;
        void commit();
      }}
      onPressEnter={() => void commit()}
      aria-busy={saving}
      aria-label={ariaLabel}
      style={{ width: '100%', maxWidth: 96 }}
      data-testid="instance-weight"
    />
  );
}
