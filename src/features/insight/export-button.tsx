import Taro from '@tarojs/taro';
import type { CallInput } from '@/lib/cloud';
import { callFunction } from '@/lib/cloud';
import { Button } from '@/components/nutui/button';
import { useAction } from '@/lib/use-action';
import { openExport } from './save-export';

/** Exports a report as .xlsx: opened in WeChat's document viewer, downloaded in a browser. */
export function ExportButton({
  input,
  label = '导出 Excel',
}: {
  input: CallInput<'insight', 'exportReport'>;
  label?: string;
}) {
  const action = useAction({ toast: true });
  const run = () =>
    action.run(async () => {
      const file = await callFunction('insight', 'exportReport', input);
      await openExport(file.url, file.name);
      void Taro.showToast({ title: '已导出', icon: 'success' });
    });
  return (
    <Button size="small" loading={action.busy} data-testid="export-report" onClick={() => void run()}>
      {label}
    </Button>
  );
}
