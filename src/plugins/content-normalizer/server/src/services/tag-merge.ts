import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { fieldError } from '../utils/errors';

export const TAG_ALIASES_STORE_KEY = 'tag-aliases';

/** Old slug → slug of the tag it was merged into. */
export type TagAliases = Record<string, string>;

export interface TagWithCount {
  documentId: string;
  name: string;
  slug: string;
  /** Distinct articles (a draft and its published version count once). */
  articles: number;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

type Filters = Record<string, unknown>;

const OPERATORS_WITH_VALUE = new Set(['$eq', '$eqi', '$in']);

/**
 * Replaces aliased slugs in a `slug` condition: a bare value, or `$eq`/`$eqi`/`$in`. Other operators
 * (`$contains`, …) are left alone: an alias names one old tag exactly, not a pattern.
 */
function rewriteSlugCondition(condition: unknown, resolve: (slug: string) => string): unknown {
  if (typeof condition === 'string') return resolve(condition);
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return condition;
  const out: Record<string, unknown> = { ...(condition as Record<string, unknown>) };
  for (const op of Object.keys(out)) {
    if (!OPERATORS_WITH_VALUE.has(op)) continue;
    const value = out[op];
    if (typeof value === 'string') out[op] = resolve(value);
    else if (Array.isArray(value)) out[op] = value.map((v) => (typeof v === 'string' ? resolve(v) : v));
  }
  return out;
}

/** Walks a filters object of the tag type itself: its `slug`, and `$and`/`$or`/`$not` around it. */
function rewriteTagFilters(filters: unknown, resolve: (slug: string) => string): unknown {
  if (Array.isArray(filters)) return filters.map((f) => rewriteTagFilters(f, resolve));
  if (!filters || typeof filters !== 'object') return filters;
  const out: Filters = { ...(filters as Filters) };
  for (const key of Object.keys(out)) {
    if (key === 'slug') out.slug = rewriteSlugCondition(out.slug, resolve);
    else if (key === '$and' || key === '$or' || key === '$not') out[key] = rewriteTagFilters(out[key], resolve);
  }
  return out;
}

/** Walks an article filters object: the tags relation's filters, and `$and`/`$or`/`$not` around it. */
function rewriteArticleFilters(filters: unknown, tagsRelation: string, resolve: (slug: string) => string): unknown {
  if (Array.isArray(filters)) return filters.map((f) => rewriteArticleFilters(f, tagsRelation, resolve));
  if (!filters || typeof filters !== 'object') return filters;
  const out: Filters = { ...(filters as Filters) };
  for (const key of Object.keys(out)) {
    if (key === tagsRelation) out[key] = rewriteTagFilters(out[key], resolve);
    else if (key === '$and' || key === '$or' || key === '$not') out[key] = rewriteArticleFilters(out[key], tagsRelation, resolve);
  }
  return out;
}

/** Every string a filters object compares against, to skip the alias lookup when none could match. */
function mentionsAny(filters: unknown, slugs: Set<string>): boolean {
  if (typeof filters === 'string') return slugs.has(filters);
  if (Array.isArray(filters)) return filters.some((f) => mentionsAny(f, slugs));
  if (filters && typeof filters === 'object') return Object.values(filters).some((f) => mentionsAny(f, slugs));
  return false;
}

/**
 * Tag merge: moves every article from one tag to another, deletes the old tag, and remembers its slug as
 * an alias of the new one (plugin store, read from the database so every instance agrees). REST filters
 * on a tag slug (`/api/articles?filters[tags][slug][$eq]=old`, `/api/tags?filters[slug][$eq]=old`) then
 * find the new tag, through the Document Service middleware `aliasMiddleware`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
  const store = () => strapi.store({ type: 'plugin', name: 'content-normalizer' });

  async function getAliases(): Promise<TagAliases> {
    const saved = (await store().get({ key: TAG_ALIASES_STORE_KEY })) as TagAliases | null;
    return saved && typeof saved === 'object' ? saved : {};
  }

  function joinTable(): JoinTable {
    const { article, tagsRelation } = { article: config().article.uid, tagsRelation: config().article.tagsRelation };
    const attribute = (strapi.db.metadata.get(article as never).attributes as Record<string, { joinTable?: JoinTable }>)[tagsRelation];
    if (!attribute?.joinTable) throw new Error(`content-normalizer: ${article}.${tagsRelation} has no join table`);
    return attribute.joinTable;
  }

  async function findTag(documentId: string, field: string) {
    const tag = (await strapi.db.query(config().taxonomy.tag as never).findOne({
      where: { documentId },
      select: ['id', 'documentId', 'name', 'slug'],
    })) as { id: number; documentId: string; name: string; slug: string } | null;
    if (!tag) throw fieldError(field, `no tag with documentId "${documentId}"`);
    return tag;
  }

  return {
    getAliases,

    async listTags(): Promise<TagWithCount[]> {
      const tags = (await strapi.db.query(config().taxonomy.tag as never).findMany({
        select: ['id', 'documentId', 'name', 'slug'],
        orderBy: { name: 'asc' },
      })) as Array<{ id: number; documentId: string; name: string; slug: string }>;
      const jt = joinTable();
      const articleMeta = strapi.db.metadata.get(config().article.uid as never);
      const articleTable = articleMeta.tableName;
      const documentIdColumn = (articleMeta.attributes as Record<string, { columnName?: string }>).documentId?.columnName ?? 'document_id';
      // One grouped query: distinct article documents per tag, whatever their draft/published rows.
      const counts = (await strapi.db
        .connection(jt.name)
        .join(articleTable, `${articleTable}.id`, `${jt.name}.${jt.joinColumn.name}`)
        .select(`${jt.name}.${jt.inverseJoinColumn.name} as tagId`)
        .countDistinct(`${articleTable}.${documentIdColumn} as n`)
        .groupBy(`${jt.name}.${jt.inverseJoinColumn.name}`)) as Array<{ tagId: number; n: number | string }>;
      const byTag = new Map(counts.map((row) => [Number(row.tagId), Number(row.n)]));
      return tags.map((tag) => ({ documentId: tag.documentId, name: tag.name, slug: tag.slug, articles: byTag.get(tag.id) ?? 0 }));
    },

    /** Moves articles from `fromId` to `intoId` (both tag documentIds), deletes the old tag, records the alias. */
    async merge(fromId: string, intoId: string): Promise<{ moved: number; alias: { from: string; to: string } }> {
      if (fromId === intoId) throw fieldError('into', 'a tag cannot be merged into itself');
      const from = await findTag(fromId, 'from');
      const into = await findTag(intoId, 'into');
      const jt = joinTable();
      const articleCol = jt.joinColumn.name;
      const tagCol = jt.inverseJoinColumn.name;

      // Rows of the join table, not documents: a draft and its published version both move, so published
      // articles change tag without being re-published (the merge changes no article content).
      const articleMeta = strapi.db.metadata.get(config().article.uid as never);
      const documentIdColumn = (articleMeta.attributes as Record<string, { columnName?: string }>).documentId?.columnName ?? 'document_id';
      const moved = await strapi.db.transaction(async ({ trx }) => {
        // Reported in articles (documents), not join rows: a draft and its published version are one article.
        const [{ n }] = (await trx(articleMeta.tableName)
          .whereIn('id', trx(jt.name).select(articleCol).where(tagCol, from.id))
          .countDistinct(`${documentIdColumn} as n`)) as Array<{ n: number | string }>;
        const alreadyInto = trx(jt.name).select(articleCol).where(tagCol, into.id);
        await trx(jt.name)
          .where(tagCol, from.id)
          .whereNotIn(articleCol, alreadyInto)
          .update({ [tagCol]: into.id });
        await trx(jt.name).where(tagCol, from.id).delete();
        return Number(n);
      });
      await strapi.documents(config().taxonomy.tag as never).delete({ documentId: from.documentId } as never);

      // Aliases that pointed at the old tag follow it, so a chain of merges still resolves in one step.
      const aliases = await getAliases();
      for (const [slug, target] of Object.entries(aliases)) if (target === from.slug) aliases[slug] = into.slug;
      aliases[from.slug] = into.slug;
      delete aliases[into.slug];
      await store().set({ key: TAG_ALIASES_STORE_KEY, value: aliases });
      return { moved, alias: { from: from.slug, to: into.slug } };
    },

    /**
     * Document Service middleware: on reads of articles and tags, a filter naming an old (merged) tag slug
     * names its new tag instead. A live tag that later takes the old slug wins over the alias.
     */
    aliasMiddleware() {
      const reads = new Set(['findMany', 'findFirst', 'findOne', 'count']);
      return async (
        context: { uid: string; action: string; params?: { filters?: unknown } },
        next: () => Promise<unknown>,
      ): Promise<unknown> => {
        const cfg = config();
        const isArticle = context.uid === cfg.article.uid;
        const isTag = context.uid === cfg.taxonomy.tag;
        const filters = context.params?.filters;
        if ((!isArticle && !isTag) || !reads.has(context.action) || !filters) return next();

        const aliases = await getAliases();
        const aliased = new Set(Object.keys(aliases));
        if (aliased.size === 0 || !mentionsAny(filters, aliased)) return next();

        const live = new Set(
          (
            (await strapi.db.query(cfg.taxonomy.tag as never).findMany({
              where: { slug: { $in: [...aliased] } },
              select: ['slug'],
            })) as Array<{ slug: string }>
          ).map((row) => row.slug),
        );
        const resolve = (slug: string) => (aliases[slug] !== undefined && !live.has(slug) ? aliases[slug] : slug);
        context.params!.filters = isArticle
          ? rewriteArticleFilters(filters, cfg.article.tagsRelation, resolve)
          : rewriteTagFilters(filters, resolve);
        return next();
      };
    },
  };
};
