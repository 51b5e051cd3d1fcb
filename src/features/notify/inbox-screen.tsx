import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ReminderKind } from '@core/limits';
import { Remote } from '@/components/remote';
import { useRemote } from '@/lib/use-remote';
import { fetchReminderSettings, REMINDER_NAMES } from './api';
import { fetchInbox, type InboxMessage } from './inbox';
import './notify.scss';

async function loadInbox(): Promise<{ messages: InboxMessage[]; kindOf: Map<string, ReminderKind> }> {
  const [messages, settings] = await Promise.all([fetchInbox(), fetchReminderSettings().catch(() => null)]);
  const kindOf = new Map<string, ReminderKind>();
  for (const [kind, id] of Object.entries(settings?.templates ?? {})) if (id) kindOf.set(id, kind as ReminderKind);
  return { messages, kindOf };
}

function when(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** H5 only: the signed-in user's received subscribe messages, as WeChat's service notifications show them. */
export function InboxScreen() {
  const inbox = useRemote(loadInbox);
  return (
    <View className="inbox">
      <Remote
        state={inbox}
        isEmpty={(d) => d.messages.length === 0}
        empty={{ message: '还没有收到订阅消息', hint: '订阅提醒后，到点发送的消息会出现在这里' }}
      >
        {({ messages, kindOf }) =>
          messages.map((m) => {
            const kind = kindOf.get(m.templateId);
            return (
              <View
                key={m.id}
                className="inbox__item"
                data-testid="inbox-item"
                onClick={() => (m.page ? void Taro.navigateTo({ url: `/${m.page}` }) : undefined)}
              >
                <Text className="inbox__title">{kind ? REMINDER_NAMES[kind] : '订阅消息'}</Text>
                {Object.values(m.data).map((v, i) => (
                  <Text key={i} className="inbox__line">
                    {v.value}
                  </Text>
                ))}
                <Text className="inbox__line">{when(m.sentAt)}</Text>
              </View>
            );
          })
        }
      </Remote>
    </View>
  );
}
