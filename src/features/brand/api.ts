import type { CallInput } from '@core/contracts';
import { callFunction } from '@/lib/cloud';

export const fetchBrand = () => callFunction('account', 'brand', {});

export const saveBrandSettings = (input: CallInput<'account', 'saveBrand'>) =>
  callFunction('account', 'saveBrand', input);
