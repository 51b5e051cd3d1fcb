/**
 * insight.sharePoster through the local cloud: the poster is read back and checked region by
 * region — the picture is the sharer's own variant, the mini-program code decodes to the page and
 * the share token — and a second call only reads what the first stored.
 */
import jsQR from 'jsqr';
import sharp from 'sharp';
import { CODE_BOX, IMAGE_BOX, POSTER } from '@server/poster/layout';
import { useLocalCloud } from '../support/local-cloud';
import { docsOf, seedPost, seedVariant } from './insight-helpers';

const cloud = useLocalCloud();
const insight = cloud.client('insight');
/** Composing runs sharp in the function (a cold one loads it first) on a machine shared with other work. */
const POSTER_TEST_MS = 30_000;

/** A square JPEG of four coloured quarters, so a wrong picture or a wrong crop shows. */
async function quarters(colors: [string, string, string, string], size = 900): Promise<Buffer> {
  const half = size / 2;
  const tile = (c: string) =>
    sharp({ create: { width: half, height: half, channels: 3, background: c } })
      .png()
      .toBuffer();
  const tiles = await Promise.all(colors.map(tile));
  return sharp({ create: { width: size, height: size, channels: 3, background: '#000' } })
    .composite(tiles.map((input, i) => ({ input, left: (i % 2) * half, top: Math.floor(i / 2) * half })))
    .jpeg({ quality: 92 })
    .toBuffer();
}

async function fetchPoster(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** The text of the QR code in the poster's code box. */
async function codeText(poster: Buffer): Promise<string | undefined> {
  const { data, info } = await sharp(poster)
    .extract({ left: CODE_BOX.left, top: CODE_BOX.top, width: CODE_BOX.width, height: CODE_BOX.height })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}

/** Mean absolute difference per channel between the poster's picture and `image` drawn the same size. */
async function pictureDistance(poster: Buffer, image: Buffer): Promise<number> {
  const region = await sharp(poster)
    .extract({ left: IMAGE_BOX.left, top: IMAGE_BOX.top, width: IMAGE_BOX.width, height: IMAGE_BOX.height })
    .removeAlpha()
    .raw()
    .toBuffer();
  const expected = await sharp(image).resize(IMAGE_BOX.width, IMAGE_BOX.height).removeAlpha().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < region.length; i++) sum += Math.abs((region[i] ?? 0) - (expected[i] ?? 0));
  return sum / region.length;
}

function sceneOf(code: string | undefined): { page: string; scene: string | null } {
  const url = new URL(code ?? 'wxacode://none/');
  return { page: url.pathname.slice(1), scene: url.searchParams.get('scene') };
}

describe('share poster', () => {
  it(
    "draws the guide's own variant picture and a code that opens the reader page with the token",
    async () => {
      const guide = await cloud.makeGuide(undefined, '海报导购');
      const original = await quarters(['#d33', '#3d3', '#33d', '#dd3']);
      const variant = await quarters(['#3dd', '#d3d', '#333', '#eee']);
      const [originalId, variantId] = await Promise.all([
        cloud.upload('posts/test/original.jpg', original),
        cloud.upload('variants/test/variant.jpg', variant),
      ]);
      const postId = seedPost(cloud, { title: '春日焕新·玫瑰精华水会员价 ¥199', images: [originalId] });
      seedVariant(cloud, postId, guide, '海报导购的文案', undefined, [variantId]);

      const made = await insight.ok('sharePoster', { postId }, guide.openid);
      expect(made).toMatchObject({ width: POSTER.width, height: POSTER.height, scene: `t=${made.shareToken}` });
      expect(made.path).toBe(`/pages/customers/read/index?t=${made.shareToken}`);
      const link = await insight.ok('shareLink', { postId }, guide.openid);
      expect(link.shareToken).toBe(made.shareToken);

      const poster = await fetchPoster(made.url);
      expect(await sharp(poster).metadata()).toMatchObject({
        format: 'jpeg',
        width: POSTER.width,
        height: POSTER.height,
      });
      expect(sceneOf(await codeText(poster))).toEqual({
        page: 'pages/customers/read/index',
        scene: `t=${made.shareToken}`,
      });
      // The variant, not HQ's original.
      const toVariant = await pictureDistance(poster, variant);
      const toOriginal = await pictureDistance(poster, original);
      expect(toVariant).toBeLessThan(6);
      expect(toOriginal).toBeGreaterThan(50);
      // The file is named by the token, never by an openid.
      expect(made.fileID).toContain(`insight/posters/${made.shareToken}.jpg`);
    },
    POSTER_TEST_MS,
  );

  it(
    'is made once per token: a second call reads the stored poster and writes nothing',
    async () => {
      const guide = await cloud.makeGuide();
      const postId = seedPost(cloud);
      const first = await insight.ok('sharePoster', { postId }, guide.openid);
      expect(docsOf(cloud, 'share_links', { _id: first.shareToken })[0]).toMatchObject({
        poster: { fileID: first.fileID, width: POSTER.width, height: POSTER.height },
      });
      const before = cloud.snapshot();
      const again = await insight.ok('sharePoster', { postId }, guide.openid);
      expect(again.fileID).toBe(first.fileID);
      expect(cloud.snapshot()).toBe(before);
    },
    POSTER_TEST_MS,
  );

  it(
    "gives a member's invitation a plain card and a code that opens the join page, whatever their name holds",
    async () => {
      const member = await cloud.makeMember(undefined, '<b>小鹿&朋友</b>');
      const made = await insight.ok('sharePoster', {}, member.openid);
      expect(made.path).toBe(`/pages/join/index?t=${made.shareToken}`);
      const poster = await fetchPoster(made.url);
      expect(sceneOf(await codeText(poster))).toEqual({ page: 'pages/join/index', scene: `t=${made.shareToken}` });
      // A reshare's poster carries the reshare's own token.
      const guide = await cloud.makeGuide();
      const postId = seedPost(cloud);
      const parent = (await insight.ok('shareLink', { postId }, guide.openid)).shareToken;
      await insight.ok('recordVisit', { shareToken: parent }, member.openid);
      const child = await insight.ok('sharePoster', { postId, parent }, member.openid);
      expect(child.shareToken).not.toBe(parent);
      expect(sceneOf(await codeText(await fetchPoster(child.url))).scene).toBe(`t=${child.shareToken}`);
    },
    POSTER_TEST_MS,
  );
});
