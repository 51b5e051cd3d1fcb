import { Text, View } from '@tarojs/components';

export interface Chip<T> {
  label: string;
  value: T | undefined;
}

/** One row of filter chips; `undefined` is the "all" chip. */
export function FilterChips<T extends string | number>(props: {
  chips: readonly Chip<T>[];
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  testId?: string;
}) {
  return (
    <View className="insight-filters">
      {props.chips.map((c) => (
        <Text
          key={c.label}
          data-testid={c.value === undefined ? undefined : props.testId}
          className={`insight-chip ${props.value === c.value ? 'insight-chip--on' : ''}`}
          onClick={() => props.onChange(c.value)}
        >
          {c.label}
        </Text>
      ))}
    </View>
  );
}
