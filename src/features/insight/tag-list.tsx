import { Text, View } from '@tarojs/components';

/** A customer's interest tags as small badges; nothing when there are none. */
export function TagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <View className="insight-tags">
      {tags.map((tag) => (
        <Text key={tag} className="insight-tag">
          {tag}
        </Text>
      ))}
    </View>
  );
}
