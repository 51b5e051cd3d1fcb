/**
 * Delivers due reminders. Each message is first claimed (pending → sending, a conditional update,
 * so two timers never both take it), then a credit is spent (a conditional decrement, so racing
 * timers never send past the credits), then sent through `subscribeMessage.send`. Nothing is sent
 * in quiet hours: due messages stay pending and go out when the quiet ends.
 */
import type { ReminderKind } from '@core/contracts/insight-notify';
import { getDoc, parseDoc } from '../db/read';
import type { Database } from '../db/types';
import type { Cloud } from '../kit/types';
import { refundCredit, spendCredit } from './credits';
import { NotificationDoc, REMINDER_SETTINGS_ID, ReminderSettingsDoc } from './documents';
import { isQuiet } from './quiet';

/** Messages one run delivers at most; the next run (a minute later) takes the rest. */
const BATCH = 100;

export interface SendReport {
  sent: number;
  /** Due but waiting for the end of quiet hours. */
  held: boolean;
  dropped: number;
  failed: number;
}

export async function loadTemplates(db: Database): Promise<Partial<Record<ReminderKind, string>>> {
  const doc = await getDoc(
    db.collection('insight_settings').doc(REMINDER_SETTINGS_ID),
    ReminderSettingsDoc,
    'insight_settings',
  );
  return doc?.templates ?? {};
}

type SendFn = (p: {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}) => Promise<unknown>;

function sender(cloud: Cloud): SendFn {
  // The SDK types openapi as `any`; pin the one call used to its documented shape.
  const openapi = cloud.openapi as unknown as { subscribeMessage: { send: SendFn } };
  return (p) => openapi.subscribeMessage.send(p);
}

export async function sendDue(ctx: { db: Database; cloud: Cloud }, now: number): Promise<SendReport> {
  const report: SendReport = { sent: 0, held: false, dropped: 0, failed: 0 };
  const { db } = ctx;
  const _ = db.command;
  if (isQuiet(now)) {
    report.held = true;
    return report;
  }
  const { data } = await db
    .collection('notifications')
    .where({ status: 'pending', dueAt: _.lte(now) })
    .orderBy('dueAt', 'asc')
    .limit(BATCH)
    .get();
  if (data.length === 0) return report;
  const templates = await loadTemplates(db);
  const send = sender(ctx.cloud);
  const finish = (id: string, fields: Record<string, unknown>) =>
    db.collection('notifications').where({ _id: id, status: 'sending' }).update({ data: fields });
  for (const raw of data) {
    const n = parseDoc(NotificationDoc, raw, 'notifications');
    const claimed = await db
      .collection('notifications')
      .where({ _id: n._id, status: 'pending' })
      .update({ data: { status: 'sending' } });
    if (claimed.stats.updated !== 1) continue;
    const templateId = templates[n.kind];
    if (!templateId) {
      await finish(n._id, { status: 'dropped', reason: 'no_template' });
      report.dropped += 1;
      continue;
    }
    if (!(await spendCredit(db, n.openid, n.kind, now))) {
      await finish(n._id, { status: 'dropped', reason: 'no_credit' });
      report.dropped += 1;
      continue;
    }
    try {
      await send({
        touser: n.openid,
        templateId,
        page: n.page,
        data: Object.fromEntries(Object.entries(n.data).map(([k, value]) => [k, { value }])),
      });
      await finish(n._id, { status: 'sent', sentAt: now });
      report.sent += 1;
    } catch (e) {
      await refundCredit(db, n.openid, n.kind, now);
      const err = e as { errCode?: unknown; message?: unknown };
      const reason =
        typeof err.errCode === 'number'
          ? `errCode ${err.errCode}`
          : typeof err.message === 'string'
            ? err.message
            : 'error';
      await finish(n._id, { status: 'failed', reason: reason.slice(0, 200) });
      report.failed += 1;
    }
  }
  return report;
}
