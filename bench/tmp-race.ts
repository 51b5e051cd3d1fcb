import { TestCloud, TEST_HQ } from '../test/support/local-cloud';
import { SAMPLE_BODY } from '../test/integration/content-helpers';
async function main() {
  const t = new TestCloud();
  await t.start();
  await new Promise((r) => setTimeout(r, Number(process.env.WAIT ?? 0)));
  for (let k = 0; k < 3; k++) {
    const { id } = await t.ok('content', 'savePost', { title: 't', body: SAMPLE_BODY }, TEST_HQ);
    const s = Date.now();
    const replies = await Promise.all(['甲', '乙'].map((title) => t.call('content', 'savePost', { id, title, body: SAMPLE_BODY, tags: [title] }, TEST_HQ).then((r) => ({ r, at: Date.now() - s }))));
    console.log(JSON.stringify(replies.map((x) => [x.r.ok, x.at])));
  }
  console.log(JSON.stringify(t.cloud.runtime.stats().content));
  await t.stop();
}
void main();
