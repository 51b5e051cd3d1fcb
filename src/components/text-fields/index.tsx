import { Text, View } from '@tarojs/components';
import { Input } from '@/components/nutui/input';

/** One labelled text input per `[key, label, placeholder]`, editing `form[key]` (console forms). */
export function TextFields<K extends string>(props: {
  fields: readonly (readonly [K, string, string])[];
  form: Record<K, string>;
  onChange: (form: Record<K, string>) => void;
  /** data-testid prefix: `<prefix>-<key>`. */
  testId: string;
}) {
  const { fields, form, onChange, testId } = props;
  return (
    <>
      {fields.map(([key, label, placeholder]) => (
        <View key={key} className="console-form__field">
          <Text className="console-form__label">{label}</Text>
          <Input
            value={form[key]}
            placeholder={placeholder}
            onChange={(value) => onChange({ ...form, [key]: value })}
            data-testid={`${testId}-${key}`}
          />
        </View>
      ))}
    </>
  );
}
