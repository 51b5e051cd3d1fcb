/**
 * SIYU_CONTENT_SECURITY decides what publishing does when WeChat's msgSecCheck cannot be reached:
 * `strict` (the default) refuses and changes nothing; `lenient` publishes, marks the verdict
 * unchecked and logs an error. A text the check rejects is refused in both modes.
 */
import { withCheckDown } from '../support/check-down';
import { TEST_HQ, useLocalCloud, type TestCloud } from '../support/local-cloud';
import { SAMPLE_BODY } from './content-helpers';

jest.setTimeout(60_000);

const strict = useLocalCloud();
const lenient = useLocalCloud({ functionEnv: { SIYU_CONTENT_SECURITY: 'lenient' } });

async function draftOn(cloud: TestCloud, body = SAMPLE_BODY) {
  return cloud.client('content').ok('savePost', { title: '春日焕新', body }, TEST_HQ);
}

describe('content security unreachable', () => {
  it('strict: refuses to publish and leaves the database unchanged', async () => {
    const { id } = await draftOn(strict);
    const before = strict.snapshot();
    const reply = await withCheckDown(strict, () => strict.client('content').call('publishPost', { id }, TEST_HQ));
    expect(reply).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/内容安全检测暂时不可用/);
    expect(strict.snapshot()).toBe(before);
  });

  it('lenient: publishes and marks the verdict unchecked', async () => {
    const { ok } = lenient.client('content');
    const { id } = await draftOn(lenient);
    expect(await withCheckDown(lenient, () => ok('publishPost', { id }, TEST_HQ))).toEqual({ id, status: 'published' });
    const post = await ok('getPost', { id }, TEST_HQ);
    expect(post.status).toBe('published');
    expect(post.security).toMatchObject({ suggest: 'pass', unchecked: true });
  });

  it('lenient: still refuses a text the check rejects when it is reachable', async () => {
    const { id } = await draftOn(lenient, `${SAMPLE_BODY}\n兼职刷单，日赚千元`);
    const reply = await lenient.client('content').call('publishPost', { id }, TEST_HQ);
    expect(reply).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
  });
});
