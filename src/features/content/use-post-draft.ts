import { useCallback, useRef, useState } from 'react';
import { CloudError, type CallOutput } from '@/lib/cloud';
import { useRemote, type Remote } from '@/lib/use-remote';
import { fetchPost, publishPost, savePost } from './api';
import {
  checkDraft,
  checkPublishAt,
  DraftError,
  draftFromPost,
  NEW_DRAFT,
  toSaveInput,
  type Draft,
} from './post-draft';

/** What the editor can be busy with; one at a time. */
export type DraftAction = 'save' | 'preview' | 'publish' | 'schedule';

export type Published = CallOutput<'content', 'publishPost'>;

export interface PostDraft {
  /** The draft as edited so far, once loaded: a new post, or the saved one. */
  state: Remote<Draft>;
  /** Applies a change to the latest draft (uploads keep changing it while HQ types). */
  edit: (change: Partial<Draft> | ((draft: Draft) => Draft)) => void;
  /** The first reason the draft cannot be saved as it is. */
  validate: () => DraftError | null;
  /** Saves the post with its tags in one call; resolves with its id, or null with `error` set. */
  save: (purpose?: 'save' | 'preview') => Promise<string | null>;
  /** Saves, then publishes now or at `publishAt`; resolves with the outcome, or null with `error` set. */
  publish: (publishAt?: number) => Promise<Published | null>;
  busy: DraftAction | null;
  /** Why the last save or publish did not happen. */
  error: DraftError | null;
}

/** Published and archived posts have reached guides: they are no longer drafts. */
async function loadDraft(postId: string | undefined): Promise<Draft> {
  if (!postId) return NEW_DRAFT;
  const post = await fetchPost(postId);
  if (post.status === 'published' || post.status === 'archived') {
    throw new CloudError('FAILED_PRECONDITION', '已发布或已归档的素材不能修改');
  }
  return draftFromPost(post);
}

function asDraftError(error: unknown): DraftError {
  if (error instanceof DraftError) return error;
  const cloud = error instanceof CloudError ? error : new CloudError('INTERNAL');
  return new DraftError('cloud', cloud.message, cloud.code);
}

/**
 * A post from load to publish: the loaded draft, HQ's edits on top of it, the checks that run
 * before anything is sent, and save / publish with their errors as values the editor shows.
 */
export function usePostDraft(postId: string | undefined, now: () => number = Date.now): PostDraft {
  const loaded = useRemote(() => loadDraft(postId), [postId]);
  const [edited, setEdited] = useState<Draft | null>(null);
  const [busy, setBusy] = useState<DraftAction | null>(null);
  const [error, setError] = useState<DraftError | null>(null);

  const current = edited ?? (loaded.status === 'ready' ? loaded.data : null);
  // Read by the async steps and by edits queued before the first render with the loaded draft.
  const latest = useRef(current);
  latest.current = current;
  const running = useRef(false);

  const edit = useCallback<PostDraft['edit']>((change) => {
    setEdited((previous) => {
      const from = previous ?? latest.current;
      if (!from) return previous;
      return typeof change === 'function' ? change(from) : { ...from, ...change };
    });
  }, []);

  const run = async <T>(action: DraftAction, steps: (draft: Draft) => Promise<T>): Promise<T | null> => {
    const draft = latest.current;
    if (!draft || running.current) return null;
    const problem = checkDraft(draft);
    setError(problem);
    if (problem) return null;
    running.current = true;
    setBusy(action);
    try {
      return await steps(draft);
    } catch (e) {
      setError(asDraftError(e));
      return null;
    } finally {
      running.current = false;
      setBusy(null);
    }
  };

  const persist = async (draft: Draft): Promise<string> => {
    const { id } = await savePost(toSaveInput(draft));
    // Later saves update this post instead of creating another.
    edit({ id });
    return id;
  };

  const publish = (publishAt?: number) => {
    const late = publishAt === undefined ? null : checkPublishAt(publishAt, now());
    if (late) {
      setError(late);
      return Promise.resolve(null);
    }
    return run(publishAt === undefined ? 'publish' : 'schedule', async (draft) =>
      publishPost(await persist(draft), publishAt),
    );
  };

  const state: Remote<Draft> =
    loaded.status === 'ready' && current ? { status: 'ready', data: current, reload: loaded.reload } : loaded;

  return {
    state,
    edit,
    validate: () => (current ? checkDraft(current) : null),
    save: (purpose = 'save') => run(purpose, persist),
    publish,
    busy,
    error,
  };
}
