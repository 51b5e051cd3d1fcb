import { Text, View } from '@tarojs/components';

/**
 * A customer's tags as small badges: the automatic reading tags, then the manual ones (a guide's or
 * HQ's list) in their own colour; nothing when there are none.
 */
export function TagList({ tags, manual = [] }: { tags: readonly string[]; manual?: readonly string[] }) {
  if (tags.length === 0 && manual.length === 0) return null;
  return (
    <View className="insight-tags">
      {tags.map((tag) => (
        <Text key={tag} className="insight-tag">
          {tag}
        </Text>
      ))}
      {manual.map((tag) => (
        <Text key={`m:${tag}`} className="insight-tag insight-tag--manual" data-testid="row-manual-tag">
          {tag}
        </Text>
      ))}
    </View>
  );
}
