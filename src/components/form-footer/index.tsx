import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@/components/nutui/button';
import { Alert } from '@/components/alert';

/** The end of every console form: the refusal in Chinese (if any), then one primary action. */
export function FormFooter(props: {
  error: string | null;
  busy: boolean;
  label: string;
  onSubmit: () => void;
  testId?: string;
  /** Links shown under the button. */
  children?: ReactNode;
}) {
  return (
    <>
      <Alert message={props.error} className="console-form__error" />
      <View className="console-form__actions">
        <Button
          type="primary"
          block
          loading={props.busy}
          disabled={props.busy}
          onClick={props.onSubmit}
          {...(props.testId ? { 'data-testid': props.testId } : {})}
        >
          {props.label}
        </Button>
        {props.children}
      </View>
    </>
  );
}
