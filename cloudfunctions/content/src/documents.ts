/**
 * What only the content function stores. Posts and variants, which insight reads too, are in
 * server/data/. Documents are parsed when read so a malformed one fails loudly (INTERNAL).
 */
import * as z from 'zod';

/** One judged AI rewrite per (post, guide, revision): the accepted text, or why it was refused. */
export const AiRewriteDoc = z.object({
  _id: z.string(),
  postId: z.string(),
  guideOpenid: z.string(),
  rev: z.number().int(),
  /** The accepted text; absent when the rewrite was refused (then the local generator's text is used). */
  text: z.string().optional(),
  refused: z.string().optional(),
  model: z.string(),
  ms: z.number(),
  createdAt: z.number(),
});
export type AiRewriteDoc = z.infer<typeof AiRewriteDoc>;

/**
 * `_id` = the post's id: preview images of the post still in storage. The next preview, archiving
 * the post, or the releaseStorage timer once it is a day old deletes them.
 */
export const PreviewDoc = z.object({ _id: z.string(), files: z.array(z.string()), updatedAt: z.number() });
export type PreviewDoc = z.infer<typeof PreviewDoc>;

export const aiRewriteId = (postId: string, guideOpenid: string, rev: number) => `${postId}:${guideOpenid}:r${rev}`;
