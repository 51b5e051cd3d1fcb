import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { Input } from '@/components/nutui/input';
import { Remote } from '@/components/remote';
import { formatWhen } from '@/features/insight/format';
import { useAction } from '@/lib/use-action';
import { useRemote } from '@/lib/use-remote';
import { addNote, fetchCustomerNotes, setCustomerTags, type CustomerNotes } from './api';
import '@/features/insight/insight.scss';
import './worklist.scss';

/** A guide's notes and manual tags on the customer whose timeline is open. */
export function CustomerNotesSection() {
  const { params } = useRouter();
  const openid = params.openid ? decodeURIComponent(params.openid) : '';
  const notes = useRemote(() => fetchCustomerNotes(openid), [openid]);
  return (
    <View className="worklist">
      <View className="section-title">标签与备注</View>
      <Remote state={notes} isEmpty={() => false} compact>
        {(data) => <NotesBody openid={openid} data={data} onChanged={notes.reload} />}
      </Remote>
    </View>
  );
}

function NotesBody({ openid, data, onChanged }: { openid: string; data: CustomerNotes; onChanged: () => void }) {
  const [note, setNote] = useState('');
  const [ownTag, setOwnTag] = useState('');
  const action = useAction({ toast: true });
  const choices = [...new Set([...data.suggested, ...data.tags])];
  const saveTags = (tags: string[]) =>
    action.run(async () => {
      await setCustomerTags(openid, tags);
      onChanged();
    });
  const toggle = (tag: string) =>
    saveTags(data.tags.includes(tag) ? data.tags.filter((t) => t !== tag) : [...data.tags, tag]);
  const save = () =>
    action.run(async () => {
      if (!note.trim()) return;
      await addNote(openid, note.trim());
      setNote('');
      void Taro.showToast({ title: '已记录', icon: 'success' });
      onChanged();
    });
  const now = Date.now();
  return (
    <View className="card worklist-item" data-testid="customer-notes">
      <View className="insight-filters">
        {choices.map((t) => (
          <Text
            key={t}
            className={`insight-chip ${data.tags.includes(t) ? 'insight-chip--on' : ''}`}
            onClick={() => void toggle(t)}
            data-testid="manual-tag"
          >
            {t}
          </Text>
        ))}
      </View>
      <View className="worklist-item__actions">
        <Input value={ownTag} onChange={(v: string) => setOwnTag(v)} placeholder="自定义标签" maxLength={12} />
        <View
          className="worklist-btn"
          onClick={() => {
            const t = ownTag.trim();
            if (t && !data.tags.includes(t)) void saveTags([...data.tags, t]).then(() => setOwnTag(''));
          }}
          data-testid="add-tag"
        >
          加标签
        </View>
      </View>
      <Textarea
        className="worklist-item__script"
        value={note}
        maxlength={500}
        autoHeight
        placeholder="记下这次沟通了解到的情况"
        onInput={(e) => setNote(e.detail.value)}
        data-testid="note-text"
      />
      <View className="worklist-item__actions">
        <View className="worklist-btn worklist-btn--primary" onClick={() => void save()} data-testid="add-note">
          记备注
        </View>
      </View>
      {data.notes.map((n) => (
        <View key={n.id} className="worklist-note" data-testid="note">
          <Text className="worklist-item__goal">
            {formatWhen(n.at, now)} · {n.by}
          </Text>
          <Text className="worklist-item__reason">{n.text}</Text>
        </View>
      ))}
    </View>
  );
}
