import * as React from 'react';
import { Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { TagWithCount } from '../types';

/**
 * One request per list view, shared by every row: counts are fetched once and cached briefly, so a
 * page of 100 tags costs one call, and a merge elsewhere shows up on the next visit.
 */
let cache: { at: number; counts: Promise<Map<string, number>> } | null = null;
const CACHE_MS = 5_000;

export const TagArticleCount = ({ documentId }: { documentId: string }) => {
  const { get } = useFetchClient();
  const [count, setCount] = React.useState<number | null>(null);

  React.useEffect(() => {
    if (!cache || Date.now() - cache.at > CACHE_MS) {
      cache = {
        at: Date.now(),
        counts: get<{ data: TagWithCount[] }>('/content-normalizer/tags').then(
          ({ data }) => new Map(data.data.map((tag) => [tag.documentId, tag.articles])),
        ),
      };
    }
    let live = true;
    cache.counts.then((counts) => live && setCount(counts.get(documentId) ?? 0)).catch(() => live && setCount(null));
    return () => {
      live = false;
    };
  }, [documentId, get]);

  return <Typography textColor="neutral800">{count ?? '-'}</Typography>;
};
