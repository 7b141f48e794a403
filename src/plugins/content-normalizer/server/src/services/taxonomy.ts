import type { Core } from '@strapi/strapi';
import { createDocumentId } from '../utils/document-id';
import type { ContentNormalizerConfig } from '../config';

export type TaxonomyKind = 'tag' | 'author' | 'source';

export interface TaxonomyTerm {
  name: string;
  slug: string;
  /** Extra columns for a new row only (a source's url); never overwrite an existing row. */
  extra?: Record<string, unknown>;
}

export interface TaxonomyRow {
  id: number;
  documentId: string;
  name: string;
  slug: string;
}

/**
 * Finds or creates tags, authors and sources by slug, never twice. The insert is
 * `ON CONFLICT (slug) DO NOTHING` against the unique index from database/migrations, so two concurrent
 * imports naming the same new tag both end up with the one row that won, on SQLite and PostgreSQL,
 * and no transaction is aborted by a unique violation.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;

  function tableOf(kind: TaxonomyKind) {
    const meta = strapi.db.metadata.get(config().taxonomy[kind] as never);
    const column = (attribute: string) => (meta.attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute;
    return { table: meta.tableName, column };
  }

  async function findBySlugs(kind: TaxonomyKind, slugs: string[]): Promise<TaxonomyRow[]> {
    if (slugs.length === 0) return [];
    return strapi.db.query(config().taxonomy[kind] as never).findMany({
      where: { slug: { $in: slugs } },
      select: ['id', 'documentId', 'name', 'slug'],
    }) as Promise<TaxonomyRow[]>;
  }

  return {
    findBySlugs,

    /**
     * Returns one row per distinct slug, in the order the terms were given. `known` holds rows this request
     * already read (an import batch names the same tags again and again); rows found by reading are added to it,
     * rows created here are not (their transaction may still roll back).
     */
    async findOrCreate(kind: TaxonomyKind, terms: TaxonomyTerm[], known?: Map<string, TaxonomyRow>): Promise<TaxonomyRow[]> {
      const unique = new Map<string, TaxonomyTerm>();
      for (const term of terms) if (term.slug && !unique.has(term.slug)) unique.set(term.slug, term);
      if (unique.size === 0) return [];

      const slugs = [...unique.keys()];
      const found = new Map<string, TaxonomyRow>();
      for (const slug of slugs) {
        const row = known?.get(`${kind}:${slug}`);
        if (row) found.set(slug, row);
      }
      const unread = slugs.filter((slug) => !found.has(slug));
      for (const row of await findBySlugs(kind, unread)) {
        found.set(row.slug, row);
        known?.set(`${kind}:${row.slug}`, row);
      }
      const missing = slugs.filter((slug) => !found.has(slug));

      if (missing.length > 0) {
        const { table, column } = tableOf(kind);
        const now = new Date();
        const rows = missing.map((slug) => {
          const term = unique.get(slug)!;
          const row: Record<string, unknown> = {
            [column('documentId')]: createDocumentId(),
            [column('name')]: term.name,
            [column('slug')]: slug,
            [column('createdAt')]: now,
            [column('updatedAt')]: now,
            // Taxonomy types have no draft & publish: Strapi keeps such rows "published".
            [column('publishedAt')]: now,
          };
          for (const [key, value] of Object.entries(term.extra ?? {})) row[column(key)] = value;
          return row;
        });
        await strapi.db.transaction(async ({ trx }) => {
          await trx(table).insert(rows).onConflict(column('slug')).ignore();
        });
        for (const row of await findBySlugs(kind, missing)) found.set(row.slug, row);
      }

      return slugs.map((slug) => found.get(slug)).filter((row): row is TaxonomyRow => Boolean(row));
    },
  };
};
