import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { DEFAULT_BRAND, type Brand } from '@core/brand';
import { fetchBrand } from './api';
import { applyThemeToDocument } from './theme';

/**
 * The brand, cached for the app's run: the last one seen is kept in local storage so the first
 * screen paints with it at once, then the server's answer (read once per run) replaces it. A save
 * in the console updates every mounted screen through `publishBrand`.
 */
const STORAGE_KEY = 'siyu.brand';

let current: Brand | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<(brand: Brand) => void>();

function stored(): Brand | null {
  try {
    const raw: unknown = Taro.getStorageSync(STORAGE_KEY);
    return raw && typeof raw === 'object' && typeof (raw as Brand).name === 'string' ? (raw as Brand) : null;
  } catch {
    return null;
  }
}

/** Makes `brand` the app's brand: cached, stored, themed, and shown by every mounted screen. */
export function publishBrand(brand: Brand): void {
  current = brand;
  try {
    Taro.setStorageSync(STORAGE_KEY, brand);
  } catch {
    // Storage full or unavailable: the brand still holds for this run.
  }
  if (process.env.TARO_ENV === 'h5') applyThemeToDocument(brand.themeColor);
  for (const listener of listeners) listener(brand);
}

function load(): void {
  loading ??= fetchBrand().then(publishBrand, () => {
    // Offline or failing: keep what is shown and try again on the next screen.
    loading = null;
  });
}

/** The brand's name, short name, logo, theme colour, points name and service phone. */
export function useBrand(): Brand {
  const [brand, setBrand] = useState<Brand>(() => {
    current ??= stored();
    if (current && process.env.TARO_ENV === 'h5') applyThemeToDocument(current.themeColor);
    return current ?? DEFAULT_BRAND;
  });
  useEffect(() => {
    listeners.add(setBrand);
    load();
    return () => {
      listeners.delete(setBrand);
    };
  }, []);
  return brand;
}

/** Sets the page's navigation bar title from the brand (and again when HQ renames it). */
export function useBrandTitle(title: (brand: Brand) => string): void {
  const brand = useBrand();
  const text = title(brand);
  useEffect(() => {
    // A page without a navigation bar (custom style) refuses; nothing to show then.
    Promise.resolve(Taro.setNavigationBarTitle({ title: text })).catch(() => undefined);
  }, [text]);
}

/** For tests: forget the cached brand. */
export function resetBrandCache(): void {
  current = null;
  loading = null;
}
