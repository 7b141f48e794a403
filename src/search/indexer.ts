import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { postgresEngine, sqliteEngine, type IndexRow, type SearchEngine } from './engines';
import { markdownToPlainText } from '../plugins/content-normalizer/server/src/core/plain-text';
import { indexText } from './render';

export const ARTICLE_UID = 'api::article.article';
const TAXONOMY_RELATIONS: Record<string, 'tags' | 'authors' | 'source'> = {
  'api::tag.tag': 'tags',
  'api::author.author': 'authors',
  'api::source.source': 'source',
};

type Named = { name?: string | null; slug?: string | null };
type ArticleRow = {
  documentId: string;
  title?: string | null;
  excerpt?: string | null;
  body?: string | null;
  publishedDate?: string | null;
  language?: string | null;
  tags?: Named[];
  authors?: Named[];
  source?: Named | null;
};

const names = (rows: Named[] | undefined) =>
  (rows ?? [])
    .map((row) => indexText(row.name))
    .filter(Boolean)
    .join(' ');
const slugs = (rows: Named[] | undefined) => (rows ?? []).map((row) => row.slug ?? '').filter(Boolean);

/**
 * What the index holds for an article: its published version's public text, never rawText or removed lines.
 * `bodyText`: the body already rendered as plain text by the same function (an import's cleaning worker does).
 */
export function indexRowOf(article: ArticleRow, bodyText?: string): IndexRow {
  return {
    documentId: article.documentId,
    title: indexText(article.title),
    excerpt: indexText(article.excerpt),
    body: indexText(bodyText ?? markdownToPlainText(article.body)),
    tags: names(article.tags),
    authors: names(article.authors),
    tagSlugs: slugs(article.tags),
    authorSlugs: slugs(article.authors),
    sourceSlug: article.source?.slug ?? null,
    publishedDate: article.publishedDate ? String(article.publishedDate).slice(0, 10) : null,
    language: article.language ?? null,
  };
}

const isNamed = (value: unknown): value is Named =>
  typeof value === 'object' && value !== null && typeof (value as Named).name === 'string' && typeof (value as Named).slug === 'string';

/**
 * True when an event's entry holds everything the index reads: the text fields and every relation with its
 * name and slug (the importer's events do; the Document Service's carry relations as bare ids, and are read
 * back from the database instead).
 */
export function isCompleteSnapshot(entry: ArticleRow): boolean {
  return (
    typeof entry.title === 'string' &&
    typeof entry.body === 'string' &&
    'excerpt' in entry &&
    'publishedDate' in entry &&
    'language' in entry &&
    Array.isArray(entry.tags) &&
    entry.tags.every(isNamed) &&
    Array.isArray(entry.authors) &&
    entry.authors.every(isNamed) &&
    'source' in entry &&
    (entry.source === null || isNamed(entry.source))
  );
}

/**
 * Keeps the search index in step with the published articles. Every write that can change what search finds
 * ends in `reindex(documentId)`, which reads the document's published version again and writes (or removes)
 * its index row: idempotent, so running it twice or out of order is harmless, and safe from any instance
 * (the index lives in the database).
 */
export function createSearchIndexer(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  let engine: SearchEngine | null = null;
  const getEngine = (): SearchEngine => {
    engine ??= strapi.db.dialect.client === 'postgres' ? postgresEngine(knex, strapi.log) : sqliteEngine(knex);
    return engine;
  };

  async function readPublished(documentIds: string[]): Promise<ArticleRow[]> {
    return (await strapi.db.query(ARTICLE_UID as never).findMany({
      where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
      select: ['documentId', 'title', 'excerpt', 'body', 'publishedDate', 'language'],
      populate: {
        tags: { select: ['name', 'slug'] },
        authors: { select: ['name', 'slug'] },
        source: { select: ['name', 'slug'] },
      },
    } as never)) as ArticleRow[];
  }

  async function reindexNow(documentIds: string[]): Promise<void> {
    const unique = [...new Set(documentIds.filter((id) => typeof id === 'string' && id))];
    for (let start = 0; start < unique.length; start += 100) {
      const chunk = unique.slice(start, start + 100);
      const found = new Map((await readPublished(chunk)).map((row) => [row.documentId, row]));
      for (const documentId of chunk) {
        const article = found.get(documentId);
        if (article) await getEngine().upsert(indexRowOf(article));
        else await getEngine().remove(documentId);
      }
    }
  }

  /**
   * Runs after the surrounding transaction commits, if there is one (the index must not see a write that is
   * then rolled back, and on SQLite a query outside the transaction would wait for its one connection);
   * otherwise now. A failure is logged with what it was for: the write it follows stands, and
   * `npm run reindex` repairs the index.
   */
  async function reindex(documentIds: string[]): Promise<void> {
    const run = () =>
      reindexNow(documentIds).catch((error: unknown) => {
        strapi.log.warn(`search: could not index ${documentIds.length} article(s) (${(error as Error)?.message ?? error})`);
      });
    if (strapi.db.inTransaction()) {
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => {
          void run();
        });
      });
      return;
    }
    await run();
  }

  /**
   * Indexes a published article from the snapshot its `entry.publish` event carries, without reading it back:
   * the importer announces every field the index needs (relations with their names and slugs). After the
   * commit, like `reindex`.
   */
  async function indexSnapshot(entry: ArticleRow): Promise<void> {
    const run = () =>
      getEngine()
        .upsert(indexRowOf(entry))
        .catch((error: unknown) => {
          strapi.log.warn(`search: could not index article ${entry.documentId} (${(error as Error)?.message ?? error})`);
        });
    if (strapi.db.inTransaction()) {
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => {
          void run();
        });
      });
      return;
    }
    await run();
  }

  /** Snapshots already indexed in their write's own transaction: their `entry.publish` needs nothing more. */
  const indexedWithWrite = new WeakSet<object>();

  /** Published articles linked to a tag, author or source (by row id), as document ids. */
  async function articlesLinkedTo(uid: string, ids: number[]): Promise<string[]> {
    const relation = TAXONOMY_RELATIONS[uid];
    if (!relation || ids.length === 0) return [];
    const rows = (await strapi.db.query(ARTICLE_UID as never).findMany({
      where: { [relation]: { id: { $in: ids } }, publishedAt: { $notNull: true } },
      select: ['documentId'],
    } as never)) as Array<{ documentId: string }>;
    return rows.map((row) => row.documentId);
  }

  async function rowIdsOf(uid: string, documentId: unknown): Promise<number[]> {
    if (typeof documentId !== 'string') return [];
    const rows = (await strapi.db.query(uid as never).findMany({ where: { documentId }, select: ['id'] } as never)) as Array<{
      id: number;
    }>;
    return rows.map((row) => row.id);
  }

  return {
    engine: getEngine,
    reindex,

    /**
     * Indexes a published article inside the transaction that writes it (the importer's), from the snapshot it
     * will announce: the index row commits or rolls back with the article, and the write costs no second
     * transaction. In a savepoint, so an index failure (a body too long for a tsvector, say) is logged and the
     * article still goes in; its `entry.publish` then indexes it the usual way, after the commit.
     */
    async indexWithWrite(entry: ArticleRow, trx: Knex, bodyText?: string): Promise<void> {
      if (!isCompleteSnapshot(entry)) return;
      try {
        await trx.transaction(async (savepoint) => getEngine().upsert(indexRowOf(entry, bodyText), savepoint));
        indexedWithWrite.add(entry);
      } catch (error) {
        strapi.log.warn(`search: could not index article ${entry.documentId} with its write (${(error as Error)?.message ?? error})`);
      }
    },

    /** Creates the index if needed; fills it in the background when it is new (an upgrade, a fresh database). */
    async bootstrap(): Promise<void> {
      const created = await getEngine().ensureSchema();
      if (created) {
        void this.reindexAll().catch((error: unknown) => strapi.log.warn(`search: initial indexing failed (${(error as Error).message})`));
      }
    },

    /** Rebuilds the whole index from the published articles (`npm run reindex`). */
    async reindexAll(): Promise<number> {
      const engineNow = getEngine();
      await engineNow.ensureSchema();
      const ids = new Set<string>();
      for (let offset = 0; ; offset += 500) {
        const rows = (await strapi.db.query(ARTICLE_UID as never).findMany({
          where: { publishedAt: { $notNull: true } },
          select: ['documentId'],
          orderBy: { id: 'asc' },
          offset,
          limit: 500,
        } as never)) as Array<{ documentId: string }>;
        rows.forEach((row) => ids.add(row.documentId));
        if (rows.length < 500) break;
      }
      await engineNow.clear();
      await reindexNow([...ids]);
      return ids.size;
    },

    /**
     * Document Service middleware: after a write that can change what search finds (an article written,
     * published, unpublished, discarded or deleted; a tag, author or source renamed or deleted), the documents
     * concerned are indexed again before the write's caller gets its answer.
     */
    middleware() {
      return async (context: { uid: string; action: string; params?: { documentId?: unknown } }, next: () => Promise<unknown>) => {
        const { uid, action } = context;
        const isArticle = uid === ARTICLE_UID;
        const isTaxonomy = uid in TAXONOMY_RELATIONS;
        if ((!isArticle && !isTaxonomy) || ['findOne', 'findFirst', 'findMany', 'count'].includes(action)) return next();
        // A deleted tag's links are gone after the write: find its articles first.
        const before =
          isTaxonomy && action === 'delete' ? await articlesLinkedTo(uid, await rowIdsOf(uid, context.params?.documentId)) : [];
        const result = (await next()) as { documentId?: string; entries?: Array<{ documentId?: string }> } | null;
        if (isArticle) {
          const documentId = typeof context.params?.documentId === 'string' ? context.params.documentId : result?.documentId;
          if (documentId) await reindex([documentId]);
        } else if (action === 'update' || action === 'delete') {
          const after = action === 'update' ? await articlesLinkedTo(uid, await rowIdsOf(uid, context.params?.documentId)) : [];
          await reindex([...before, ...after]);
        }
        return result;
      };
    },

    /**
     * eventHub subscriber, for writes that do not go through the Document Service but announce themselves with
     * Strapi's `entry.*` events (the importer's write path, which awaits its listeners before answering).
     */
    listener() {
      // Only these change an article's published version: a create or update writes the draft, and a
      // published import announces `entry.publish` right after it (indexing on both did the work twice).
      const changesPublished = new Set(['entry.publish', 'entry.unpublish', 'entry.delete']);
      return async (event: string, payload: unknown) => {
        if (!changesPublished.has(event)) return;
        const { uid, entry } = (payload ?? {}) as { uid?: string; entry?: ArticleRow };
        if (uid !== ARTICLE_UID || !entry?.documentId) return;
        if (event === 'entry.publish' && indexedWithWrite.has(entry)) return;
        if (event === 'entry.publish' && isCompleteSnapshot(entry)) await indexSnapshot(entry);
        else await reindex([entry.documentId]);
      };
    },
  };
}

export type SearchIndexer = ReturnType<typeof createSearchIndexer>;
