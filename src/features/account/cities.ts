/**
 * City centres (WGS-84) for when the device's location is not available: a visitor who refuses
 * location picks their city, and HQ on H5 places a store by its city before refining the numbers.
 */
export interface City {
  name: string;
  lat: number;
  lng: number;
}

export const CITIES: readonly City[] = [
  { name: '北京', lat: 39.9042, lng: 116.4074 },
  { name: '上海', lat: 31.2304, lng: 121.4737 },
  { name: '广州', lat: 23.1291, lng: 113.2644 },
  { name: '深圳', lat: 22.5431, lng: 114.0579 },
  { name: '杭州', lat: 30.2741, lng: 120.1551 },
  { name: '南京', lat: 32.0603, lng: 118.7969 },
  { name: '苏州', lat: 31.2989, lng: 120.5853 },
  { name: '成都', lat: 30.5728, lng: 104.0668 },
  { name: '重庆', lat: 29.563, lng: 106.5516 },
  { name: '武汉', lat: 30.5928, lng: 114.3055 },
  { name: '西安', lat: 34.3416, lng: 108.9398 },
  { name: '长沙', lat: 28.2282, lng: 112.9388 },
  { name: '天津', lat: 39.3434, lng: 117.3616 },
  { name: '厦门', lat: 24.4798, lng: 118.0894 },
];

/** A distance for people: metres under a kilometre, else kilometres. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} 米`;
  if (metres < 100_000) return `${(metres / 1000).toFixed(1)} 公里`;
  return `${Math.round(metres / 1000)} 公里`;
}
