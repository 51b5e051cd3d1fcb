import { Text, Textarea, View } from '@tarojs/components';
import { useMemo } from 'react';
import { MAX_BODY } from '@core/limits';
import { analyseBody, FOLD_CHARS, FOLD_LINES } from './fold-hints';

/** The Moments copy, with what folds on Moments and the words the advertising law forbids, as HQ types. */
export function BodyField({ body, onChange }: { body: string; onChange: (body: string) => void }) {
  const hints = useMemo(() => analyseBody(body), [body]);
  return (
    <View className="card post-editor__field">
      <Textarea
        className="post-editor__textarea"
        value={body}
        maxlength={MAX_BODY}
        autoHeight
        placeholder="导购一键复制的正文；价格、日期、话题和保护词不会被改动"
        onInput={(e) => onChange(e.detail.value)}
        data-testid="body"
      />
      <View className="post-editor__hints" data-testid="fold-hints">
        <Text className={hints.lines > FOLD_LINES ? 'post-editor__warn' : ''}>
          {hints.lines}/{FOLD_LINES} 行
        </Text>
        <Text className={hints.chars > FOLD_CHARS ? 'post-editor__warn' : ''}>
          {' '}
          · {hints.chars}/{FOLD_CHARS} 字
        </Text>
      </View>
      {hints.folded ? (
        <Text className="post-editor__note post-editor__note--warn">
          粘贴到朋友圈超过约 {FOLD_LINES} 行或 {FOLD_CHARS}{' '}
          字会被折叠成一行。建议精简；或提示导购先自己打一句开头，再粘贴正文。
        </Text>
      ) : (
        <Text className="post-editor__note">文案较短，粘贴后会完整显示。导购自己打的第一句不会被折叠。</Text>
      )}
      {hints.absoluteWords.length ? (
        <Text className="post-editor__note post-editor__note--danger" data-testid="absolute-words">
          含广告法禁用的绝对化用语：{hints.absoluteWords.join('、')}。建议改写，否则可能无法通过内容安全检测。
        </Text>
      ) : null}
    </View>
  );
}
