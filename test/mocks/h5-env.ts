/**
 * Imported first by a component test of the browser build: src/lib/env.ts reads the platform when
 * it is loaded, the way Taro's build fixes it.
 */
process.env.TARO_ENV = 'h5';
