import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import './index.scss';

export interface ChipInputProps {
  /** The chips, in the order they were added. */
  values: readonly string[];
  onChange: (values: string[]) => void;
  /** How many chips the list holds at most. */
  max: number;
  /** Characters in one chip at most. */
  maxLength: number;
  placeholder: string;
  /** Ready-made values offered as one-tap chips (those already added are left out). */
  suggestions?: readonly string[];
  /** data-testid of the text field, the add button and each chip (browser tests find them by it). */
  testIds?: { input?: string; add?: string; chip?: string };
}

/** Why a typed value cannot be added ('' when nothing was typed), or null when it can. */
export function refusal(values: readonly string[], raw: string, max: number, maxLength: number): string | null {
  const value = raw.trim();
  if (!value) return '';
  if (values.includes(value)) return `“${value}”已添加`;
  if (value.length > maxLength) return `每个不超过 ${maxLength} 个字`;
  if (values.length >= max) return `最多 ${max} 个`;
  return null;
}

/** A list of short texts as chips: type and add, tap a chip to remove it. */
export function ChipInput({ values, onChange, max, maxLength, placeholder, suggestions, testIds }: ChipInputProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = (raw: string) => {
    const refused = refusal(values, raw, max, maxLength);
    setProblem(refused || null);
    if (refused !== null) return;
    onChange([...values, raw.trim()]);
    setText('');
  };
  const remove = (value: string) => {
    setProblem(null);
    onChange(values.filter((v) => v !== value));
  };
  const offered = (suggestions ?? []).filter((s) => !values.includes(s));

  return (
    <View className="chip-input">
      <View className="chip-input__chips">
        {values.map((value) => (
          <View key={value} className="chip-input__chip" data-testid={testIds?.chip} onClick={() => remove(value)}>
            {value} ×
          </View>
        ))}
        {values.length < max
          ? offered.map((value) => (
              <View
                key={`offer-${value}`}
                className="chip-input__chip chip-input__chip--offer"
                onClick={() => add(value)}
              >
                + {value}
              </View>
            ))
          : null}
      </View>
      <View className="chip-input__row">
        <Input
          className="chip-input__field"
          value={text}
          maxlength={maxLength}
          placeholder={placeholder}
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => add(text)}
          data-testid={testIds?.input}
        />
        <Text className="chip-input__count">
          {values.length}/{max}
        </Text>
        <View className="chip-input__add" onClick={() => add(text)} data-testid={testIds?.add}>
          添加
        </View>
      </View>
      {problem ? <Text className="chip-input__problem">{problem}</Text> : null}
    </View>
  );
}
