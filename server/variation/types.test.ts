import { CURRENT_IMAGE_ENGINE, IMAGE_ENGINES, imageEngineOf } from './types';

describe('imageEngineOf', () => {
  it('reads a post saved before versions were recorded as engine 1, a recorded version as itself', () => {
    expect(imageEngineOf(undefined)).toBe(1);
    for (const engine of IMAGE_ENGINES) expect(imageEngineOf(engine)).toBe(engine);
    expect(IMAGE_ENGINES).toContain(CURRENT_IMAGE_ENGINE);
  });

  it('refuses a version this code does not know rather than make other bytes', () => {
    expect(() => imageEngineOf(Math.max(...IMAGE_ENGINES) + 1)).toThrow(/not known/);
    expect(() => imageEngineOf(0)).toThrow(/not known/);
  });
});
