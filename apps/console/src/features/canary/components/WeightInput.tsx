import { Flex, InputNumber, Slider } from 'antd';

export interface WeightInputProps {
  id?: string; // set by Form.Item, so the field's label names the number box
  value?: number;
  onChange?: (value: number) => void;
  ariaLabel: string;
  disabled?: boolean;
  testId?: string;
}

const clamp = (value: number) => Math.min(100, Math.max(0, Math.round(value)));

// A percentage as a slider for the hand and a number box for the keyboard, kept in step.
export function WeightInput({
  id,
  value = 0,
  onChange,
  ariaLabel,
  disabled,
  testId,
}: WeightInputProps) {
  return (
    <Flex align="center" gap={16} data-testid={testId}>
      <Slider
        min={0}
        max={100}
        value={value}
        disabled={disabled}
        onChange={(next) => onChange?.(clamp(next))}
        ariaLabelForHandle={ariaLabel}
        tooltip={{ formatter: (v) => `${v ?? 0}%` }}
        style={{ flex: 1, minWidth: 120 }}
      />
      <InputNumber
        id={id}
        min={0}
        max={100}
        precision={0}
        value={value}
        disabled={disabled}
        aria-label={ariaLabel}
        suffix="%"
        onChange={(next) => {
          if (typeof next === 'number') onChange?.(clamp(next));
        }}
        style={{ width: 96 }}
        data-testid={testId ? `${testId}-number` : undefined}
      />
    </Flex>
  );
}
