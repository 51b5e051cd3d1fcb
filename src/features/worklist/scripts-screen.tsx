import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import {
  deleteScript,
  fetchScripts,
  saveScript,
  SCENE_LABELS,
  type Script,
  type ScriptScene,
  type Scripts,
} from './api';
import '@/features/insight/insight.scss';
import './worklist.scss';

const SCENES = Object.keys(SCENE_LABELS) as ScriptScene[];

interface Draft {
  id?: string;
  scene: ScriptScene;
  title: string;
  text: string;
}

const EMPTY: Draft = { scene: 'welcome', title: '', text: '' };

/**
 * The script library by scene. HQ edits the library (the newest script of a scene is what the
 * worklist fills); a guide reads it, copies from it, and keeps scripts of their own.
 */
export function ScriptsScreen({ mode }: { mode: 'hq' | 'guide' }) {
  const list = useRemote(fetchScripts);
  return (
    <View className="page worklist">
      <Remote state={list} isEmpty={() => false}>
        {(data) => <ScriptsBody data={data} mode={mode} onChanged={list.reload} />}
      </Remote>
    </View>
  );
}

function ScriptsBody({ data, mode, onChanged }: { data: Scripts; mode: 'hq' | 'guide'; onChanged: () => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const action = useAction({ toast: true });
  const editable = (s: Script) => (mode === 'hq' ? s.owner === 'hq' : s.owner === 'mine');
  const save = () =>
    action.run(async () => {
      await saveScript(draft);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setDraft(EMPTY);
      onChanged();
    });
  const remove = (id: string) =>
    action.run(async () => {
      await deleteScript(id);
      onChanged();
    });
  const copy = (text: string) => action.run(() => Taro.setClipboardData({ data: text }).then(() => undefined));
  return (
    <>
      <View className="card worklist-item" data-testid="script-form">
        <Text className="worklist-item__name">
          {draft.id ? '修改话术' : mode === 'hq' ? '新建总部话术' : '新建我的话术'}
        </Text>
        <View className="insight-filters">
          {SCENES.map((s) => (
            <Text
              key={s}
              className={`insight-chip ${draft.scene === s ? 'insight-chip--on' : ''}`}
              onClick={() => setDraft({ ...draft, scene: s })}
            >
              {SCENE_LABELS[s]}
            </Text>
          ))}
        </View>
        <Input
          value={draft.title}
          onChange={(v: string) => setDraft({ ...draft, title: v })}
          placeholder="标题，如 中秋问候"
          maxLength={20}
        />
        <Textarea
          className="worklist-item__script"
          value={draft.text}
          maxlength={300}
          autoHeight
          placeholder="话术正文，可插入下方占位符"
          onInput={(e) => setDraft({ ...draft, text: e.detail.value })}
          data-testid="script-text"
        />
        <View className="worklist-item__actions">
          {data.placeholders.map((p) => (
            <Text key={p} className="worklist-btn" onClick={() => setDraft({ ...draft, text: `${draft.text}{${p}}` })}>
              {`{${p}}`}
            </Text>
          ))}
        </View>
        <View className="worklist-item__actions">
          <View className="worklist-btn worklist-btn--primary" onClick={() => void save()} data-testid="script-save">
            保存
          </View>
          {draft.id ? (
            <View className="worklist-btn" onClick={() => setDraft(EMPTY)}>
              取消
            </View>
          ) : null}
        </View>
        <Text className="worklist-item__goal">保存前会检查广告法绝对化用语并做内容安全检测。</Text>
      </View>
      {SCENES.map((scene) => {
        const rows = data.scripts.filter((s) => s.scene === scene);
        if (rows.length === 0) return null;
        return (
          <View key={scene}>
            <View className="section-title">{SCENE_LABELS[scene]}</View>
            {rows.map((s) => (
              <View key={s.id} className="card worklist-item" data-testid="script-row">
                <View className="worklist-item__top">
                  <Text className="worklist-item__name">{s.title}</Text>
                  <Text className="worklist-item__kind">{s.owner === 'hq' ? '总部' : '我的'}</Text>
                </View>
                <View className="worklist-item__script">{s.text}</View>
                <View className="worklist-item__actions">
                  {mode === 'guide' ? (
                    <View className="worklist-btn" onClick={() => void copy(s.text)}>
                      复制
                    </View>
                  ) : null}
                  {editable(s) ? (
                    <>
                      <View
                        className="worklist-btn"
                        onClick={() => setDraft({ id: s.id, scene: s.scene, title: s.title, text: s.text })}
                      >
                        修改
                      </View>
                      <View className="worklist-btn" onClick={() => void remove(s.id)}>
                        删除
                      </View>
                    </>
                  ) : null}
                </View>
              </View>
            ))}
          </View>
        );
      })}
      {data.scripts.length === 0 ? <View className="worklist-done">还没有话术，名单会使用内置话术</View> : null}
    </>
  );
}
