import { act, fireEvent, render, screen } from '@testing-library/react';
import { CloudError } from '@/lib/cloud';
import { useRemote } from '@/lib/use-remote';
import { Remote, type RemoteProps } from './index';

/** A load the test settles by hand, counting how often the screen asked for it. */
function deferredLoads<T>() {
  const pending: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const load = jest.fn(
    () =>
      new Promise<T>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  );
  return { load, latest: () => pending[pending.length - 1]! };
}

/** Settles a load inside act, so the screen has drawn the outcome before the test looks. */
const settle = (settleLoad: () => void) =>
  act(async () => {
    settleLoad();
    await Promise.resolve();
  });

function Screen<T>({ load, ...props }: { load: () => Promise<T> } & Omit<RemoteProps<T>, 'state'>) {
  const state = useRemote(load);
  return <Remote state={state} {...props} />;
}

describe('Remote', () => {
  it('shows the loading text, then the data drawn by the screen', async () => {
    const { load, latest } = deferredLoads<string[]>();
    render(
      <Screen load={load} loading="正在读取会员…">
        {(names) => <span>{names.join('、')}</span>}
      </Screen>,
    );
    expect(screen.getByRole('status').textContent).toContain('正在读取会员…');
    await settle(() => latest().resolve(['林小满', '周一禾']));
    expect(screen.getByText('林小满、周一禾')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it("shows the server's message and loads again on retry", async () => {
    const { load, latest } = deferredLoads<string[]>();
    render(<Screen load={load}>{(names) => <span>{names.join('、')}</span>}</Screen>);
    await settle(() => latest().reject(new CloudError('PERMISSION_DENIED', '只有总部可以查看')));
    expect(screen.getByRole('alert').textContent).toContain('只有总部可以查看');

    act(() => {
      fireEvent.click(screen.getByText('重试'));
    });
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('status')).toBeTruthy();
    await settle(() => latest().resolve(['陈若溪']));
    expect(screen.getByText('陈若溪')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('never shows a raw error thrown by the load, only a Chinese message', async () => {
    const { load, latest } = deferredLoads<string[]>();
    render(<Screen load={load}>{() => <span>ready</span>}</Screen>);
    await settle(() => latest().reject(new TypeError('Cannot read properties of undefined')));
    expect(screen.getByRole('alert').textContent).toContain('系统繁忙，请稍后再试');
  });

  it('draws the empty state for an empty list instead of the screen', async () => {
    const { load, latest } = deferredLoads<string[]>();
    const draw = jest.fn(() => <span>list</span>);
    render(
      <Screen load={load} empty={{ message: '还没有会员', hint: '分享素材后会出现在这里' }}>
        {draw}
      </Screen>,
    );
    await settle(() => latest().resolve([]));
    expect(screen.getByText('还没有会员')).toBeTruthy();
    expect(screen.getByText('分享素材后会出现在这里')).toBeTruthy();
    expect(draw).not.toHaveBeenCalled();
  });

  it('says there is nothing to show when an empty list has no empty text of its own', async () => {
    const { load, latest } = deferredLoads<number[]>();
    render(<Screen load={load}>{() => <span>list</span>}</Screen>);
    await settle(() => latest().resolve([]));
    expect(screen.getByText('暂无内容')).toBeTruthy();
  });

  it('asks the screen what empty means for data that is not a list', async () => {
    const { load, latest } = deferredLoads<{ edges: number[]; nodes: number[] }>();
    render(
      <Screen load={load} isEmpty={(g) => g.edges.length === 0} empty={{ message: '还没有推荐关系' }}>
        {(g) => <span>{g.nodes.length} 人</span>}
      </Screen>,
    );
    await settle(() => latest().resolve({ edges: [], nodes: [1] }));
    expect(screen.getByText('还没有推荐关系')).toBeTruthy();
  });

  it('draws an object and a non-empty list as data', async () => {
    const { load, latest } = deferredLoads<{ name: string }>();
    render(<Screen load={load}>{(me) => <span>{me.name}</span>}</Screen>);
    await settle(() => latest().resolve({ name: '总部小山' }));
    expect(screen.getByText('总部小山')).toBeTruthy();
  });

  it('draws a one-line state inside a card when compact', async () => {
    const { load, latest } = deferredLoads<string[]>();
    render(
      <Screen load={load} loading="正在加载规则…" compact>
        {() => <span>rules</span>}
      </Screen>,
    );
    expect(screen.getByRole('status').className).toContain('state-view--compact');
    await settle(() => latest().reject(new CloudError('NETWORK')));
    expect(screen.getByRole('alert').className).toContain('state-view--compact');
    expect(screen.getByText('重试')).toBeTruthy();
  });
});
