import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __resetTaroMock, __setRouterParams, taroMock } from '../../../test/mocks/taro';
import { BridgeFailure, installFakeBridge } from '../../../test/mocks/fake-bridge';
import { writeDevOpenid } from '@/lib/cloud/dev-identity';
import { PostEditor } from './post-editor';

const POST = 'pst_abcdefgh12345678';
const STORES = [
  { id: 'sto_shanghai1', name: '上海静安店', guides: 2, customers: 9 },
  { id: 'sto_hangzhou1', name: '杭州湖滨店', guides: 1, customers: 4 },
];

beforeEach(() => {
  __resetTaroMock();
  window.localStorage.clear();
  writeDevOpenid('o_demo_hq');
});

function type(placeholder: string | RegExp, value: string) {
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });
}

describe('post editor', () => {
  it('saves what HQ wrote, with its tags, stores and protected terms, in one savePost call', async () => {
    const { calls } = installFakeBridge({
      'account.listStores': () => ({ stores: STORES }),
      'insight.tagRules': () => ({ rules: [{ tag: '母婴', minSeconds: 60 }] }),
      'content.savePost': () => ({ id: POST, rev: 1 }),
    });
    render(<PostEditor />);
    await screen.findByText('杭州湖滨店');

    type('例如：3月8日 春日焕新', '春日焕新');
    type(/导购一键复制的正文/, '【山茶生活】玫瑰精华水会员价 ¥199');
    type('如：护肤、茶饮', '护肤');
    fireEvent.click(screen.getAllByText('添加')[0]!);
    fireEvent.click(screen.getByText('+ 母婴'));
    type('输入后点添加', '玫瑰精华水');
    fireEvent.click(screen.getAllByText('添加')[1]!);
    fireEvent.click(screen.getByText('杭州湖滨店'));
    fireEvent.click(screen.getByText('存草稿'));

    await waitFor(() => expect(taroMock.showToast).toHaveBeenCalledWith({ title: '已保存草稿', icon: 'success' }));
    const writes = calls.filter((c) => !['listStores', 'tagRules'].includes(c.action));
    expect(writes.map((c) => `${c.fn}.${c.action}`)).toEqual(['content.savePost']);
    expect(writes[0]!.input).toEqual({
      title: '春日焕新',
      body: '【山茶生活】玫瑰精华水会员价 ¥199',
      images: [],
      protectTerms: ['玫瑰精华水'],
      variation: { text: 'subtle', image: 'subtle' },
      storeIds: ['sto_hangzhou1'],
      tags: ['护肤', '母婴'],
    });
  });

  it("shows the cloud's refusal to publish and stays on the page", async () => {
    installFakeBridge({
      'account.listStores': () => ({ stores: STORES }),
      'insight.tagRules': () => ({ rules: [] }),
      'content.savePost': () => ({ id: POST, rev: 1 }),
      'content.publishPost': () => {
        throw new BridgeFailure('FAILED_PRECONDITION', '未通过内容安全检测：含有违规内容（刷单）');
      },
    });
    render(<PostEditor />);
    await screen.findByPlaceholderText('例如：3月8日 春日焕新');
    type('例如：3月8日 春日焕新', '兼职');
    type(/导购一键复制的正文/, '兼职刷单，日赚千元');
    fireEvent.click(screen.getByText('立即发布'));
    expect((await screen.findByTestId('editor-error')).textContent).toBe('未通过内容安全检测：含有违规内容（刷单）');
    expect(taroMock.redirectTo).not.toHaveBeenCalled();
  });

  it('will not open a published post for editing', async () => {
    __setRouterParams({ id: POST });
    installFakeBridge({
      'content.getPost': () => ({ id: POST, status: 'published', title: 't', tags: [] }),
    });
    render(<PostEditor />);
    expect(await screen.findByText('已发布或已归档的素材不能修改')).toBeTruthy();
    expect(screen.queryByText('存草稿')).toBeNull();
  });

  it('lets HQ choose stores again when the store list did not load', async () => {
    const answers = [
      () => Promise.reject(new BridgeFailure('INTERNAL', '系统繁忙，请稍后再试')),
      () => ({ stores: STORES }),
    ];
    installFakeBridge({ 'account.listStores': () => answers.shift()?.(), 'insight.tagRules': () => ({ rules: [] }) });
    render(<PostEditor />);
    await screen.findByText('系统繁忙，请稍后再试');
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('上海静安店')).toBeTruthy();
  });
});
