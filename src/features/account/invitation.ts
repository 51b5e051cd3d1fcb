import { useEffect, useRef, useState } from 'react';
import { recordVisit } from '@/features/insight/api';
import {
  markShareVisited,
  readFirstShare,
  rememberShareToken,
  tokenFromQuery,
  visitedByMe,
} from '@/features/insight/share-token';

export interface Invitation {
  /** The first share the visitor arrived through, sent with their registration. */
  token: string | undefined;
  sharerName: string | undefined;
  /** Records the visitor's own open of that share unless they have one: a referral needs it. */
  ensureVisited: () => Promise<void>;
}

/**
 * The share that brought a visitor to the join page: the page's own `t`/`scene`, or the first one
 * kept since they arrived. Recording their open here (once) makes the share count for the friend
 * who sent it, when they came straight to this page or opened it before signing in.
 */
export function useInvitation(query: Record<string, string | undefined>): Invitation {
  const [first, setFirst] = useState(() => {
    rememberShareToken(tokenFromQuery(query));
    return readFirstShare();
  });
  const visiting = useRef<Promise<void> | null>(null);

  const ensureVisited = () => {
    const current = readFirstShare();
    if (!current || visitedByMe(current)) return Promise.resolve();
    visiting.current ??= recordVisit({ shareToken: current.token }).then(
      (visit) => {
        markShareVisited(current.token, visit.sharerName);
        setFirst(readFirstShare());
      },
      () => {
        // A forged or lapsed link joins them without crediting anybody; the server decides.
        visiting.current = null;
      },
    );
    return visiting.current;
  };

  useEffect(() => {
    void ensureVisited();
  }, []);

  return { token: first?.token, sharerName: first?.sharerName, ensureVisited };
}
