import { View } from '@tarojs/components';

/** Why the last action did not happen, above the form's button; nothing when it did. */
export function Alert({ message, className }: { message: string | null; className: string }) {
  if (!message) return null;
  return (
    <View className={className} role="alert">
      {message}
    </View>
  );
}
