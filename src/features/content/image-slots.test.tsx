import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { MAX_IMAGES } from '@core/limits';
import { __resetTaroMock, taroMock } from '../../../test/mocks/taro';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { ImageSlots, moveSlot } from './image-slots';
import type { ImageSlot } from './post-draft';

/** The storage upload endpoint as the browser sees it: each request waits for the test to answer. */
class FakeUpload {
  static sent: FakeUpload[] = [];
  url = '';
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
  onload?: () => void;
  onerror?: () => void;
  responseText = '';
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  send() {
    FakeUpload.sent.push(this);
  }
  progress(ratio: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded: ratio * 100, total: 100 });
  }
  finish(fileID: string) {
    this.responseText = JSON.stringify({ ok: true, data: { fileID } });
    this.onload?.();
  }
  fail() {
    this.onerror?.();
  }
}

function Editor({ initial = [] }: { initial?: ImageSlot[] }) {
  const [slots, setSlots] = useState<ImageSlot[]>(initial);
  return (
    <>
      <ImageSlots slots={slots} onChange={(change) => setSlots(change)} />
      <output data-testid="files">{slots.map((s) => s.fileID ?? '-').join('|')}</output>
    </>
  );
}

const stored = (n: number): ImageSlot[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `k${i}`,
    preview: `http://cloud/${i}.jpg`,
    fileID: `f${i}`,
    progress: 1,
  }));

const files = () => screen.getByTestId('files').textContent;
const flush = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

beforeEach(() => {
  __resetTaroMock();
  writeDevOpenid('o_demo_hq');
  FakeUpload.sent = [];
  (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeUpload;
  (globalThis as { fetch: unknown }).fetch = jest.fn(() =>
    Promise.resolve({ blob: () => Promise.resolve(new Blob()) }),
  );
});

describe('image slots', () => {
  it('uploads each chosen image with its own progress, then keeps the stored file', async () => {
    const chooseImage = jest.fn(() => Promise.resolve({ tempFilePaths: ['blob:a', 'blob:b'] }));
    Object.assign(taroMock, { chooseImage });
    render(<Editor initial={stored(7)} />);
    expect(screen.getByText(`配图（7/${MAX_IMAGES}）`)).toBeTruthy();

    fireEvent.click(screen.getByTestId('add-image'));
    await flush();
    expect(chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 2 }));
    expect(screen.getAllByTestId('upload-progress').map((m) => m.textContent)).toEqual(['0%', '0%']);
    // Full: nothing more can be added.
    expect(screen.queryByTestId('add-image')).toBeNull();

    act(() => FakeUpload.sent[0]!.progress(0.5));
    expect(screen.getAllByTestId('upload-progress').map((m) => m.textContent)).toEqual(['50%', '0%']);
    act(() => FakeUpload.sent[1]!.fail());
    act(() => FakeUpload.sent[0]!.finish('cloud://env.b/posts/a.jpg'));
    await flush();
    expect(screen.getAllByTestId('upload-progress').map((m) => m.textContent)).toEqual(['上传失败']);
    expect(files()).toBe('f0|f1|f2|f3|f4|f5|f6|cloud://env.b/posts/a.jpg|-');
  });

  it('does nothing when HQ closes the picker', async () => {
    Object.assign(taroMock, { chooseImage: jest.fn(() => Promise.reject(new Error('chooseImage:fail cancel'))) });
    render(<Editor />);
    fireEvent.click(screen.getByTestId('add-image'));
    await flush();
    expect(screen.queryAllByTestId('image-slot')).toHaveLength(0);
  });

  it('moves an image earlier or later and removes one', () => {
    render(<Editor initial={stored(3)} />);
    fireEvent.click(screen.getByLabelText('第 3 张前移'));
    expect(files()).toBe('f0|f2|f1');
    fireEvent.click(screen.getByLabelText('第 1 张后移'));
    expect(files()).toBe('f2|f0|f1');
    fireEvent.click(screen.getByLabelText('移除第 2 张'));
    expect(files()).toBe('f2|f1');
    // The first image is the cover the guides' feed shows.
    expect(screen.getAllByTestId('image-slot')[0]!.textContent).toContain('封面');
  });

  it('leaves the order alone at either end', () => {
    expect(moveSlot(stored(2), 'k0', -1).map((s) => s.key)).toEqual(['k0', 'k1']);
    expect(moveSlot(stored(2), 'k1', 1).map((s) => s.key)).toEqual(['k0', 'k1']);
    expect(moveSlot(stored(2), 'gone', 1).map((s) => s.key)).toEqual(['k0', 'k1']);
  });
});
