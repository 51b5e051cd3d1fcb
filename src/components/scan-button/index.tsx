import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button } from '@/components/nutui/button';

/** Scanning exists in the mini-program only; the browser build offers typing instead. */
export const CAN_SCAN = process.env.TARO_ENV === 'weapp';

/** A full-width button that opens the camera for a QR code and hands over what it read. */
export function ScanButton(props: { label: string; disabled?: boolean; onResult: (text: string) => void }) {
  if (!CAN_SCAN) return null;
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      props.onResult(res.result);
    } catch {
      // The user closed the camera: nothing to report.
    }
  };
  return (
    <View className="verify__scan">
      <Button type="primary" block disabled={props.disabled} onClick={() => void scan()}>
        {props.label}
      </Button>
    </View>
  );
}
