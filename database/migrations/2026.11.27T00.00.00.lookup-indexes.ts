import type { Knex } from 'knex';

/**
 * Strapi checks `unique` in the application only, so two concurrent imports could both create the tag
 * "crime". These indexes make the database refuse the second one; the importer then re-reads the winner.
 * The others serve lookups and orders that Strapi's schema does not index.
 *
 * Strapi runs user migrations before it syncs the schema, so on a brand-new database the tables do not
 * exist yet here: `up` skips missing tables, and the app's bootstrap calls `ensureIndexes` again
 * once the schema exists. Every statement is idempotent.
 */
export const LOOKUP_INDEXES: ReadonlyArray<{ table: string; name: string; sql: string }> = [
  { table: 'tags', name: 'tags_slug_unique_idx', sql: 'CREATE UNIQUE INDEX IF NOT EXISTS tags_slug_unique_idx ON tags (slug)' },
  { table: 'authors', name: 'authors_slug_unique_idx', sql: 'CREATE UNIQUE INDEX IF NOT EXISTS authors_slug_unique_idx ON authors (slug)' },
  { table: 'sources', name: 'sources_slug_unique_idx', sql: 'CREATE UNIQUE INDEX IF NOT EXISTS sources_slug_unique_idx ON sources (slug)' },
  // Articles have draft & publish: each document has exactly one draft row, so the draft rows carry
  // the importer's externalId uniqueness (the published copy repeats it by design).
  {
    table: 'articles',
    name: 'articles_external_id_draft_unique_idx',
    sql: 'CREATE UNIQUE INDEX IF NOT EXISTS articles_external_id_draft_unique_idx ON articles (external_id) WHERE published_at IS NULL AND external_id IS NOT NULL',
  },
  // Article slugs are what frontends fetch by: one per document, even when two imports race.
  {
    table: 'articles',
    name: 'articles_slug_draft_unique_idx',
    sql: 'CREATE UNIQUE INDEX IF NOT EXISTS articles_slug_draft_unique_idx ON articles (slug) WHERE published_at IS NULL AND slug IS NOT NULL',
  },
  // Plain lookups: frontends fetch by slug, the importer matches by externalId, url and content hash,
  // and Strapi's own uniqueness checks on publish read the published rows, which the partial indexes
  // above do not cover (without these, every import scanned the whole table).
  { table: 'articles', name: 'articles_slug_idx', sql: 'CREATE INDEX IF NOT EXISTS articles_slug_idx ON articles (slug)' },
  {
    table: 'articles',
    name: 'articles_external_id_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_external_id_idx ON articles (external_id)',
  },
  { table: 'articles', name: 'articles_url_idx', sql: 'CREATE INDEX IF NOT EXISTS articles_url_idx ON articles (url)' },
  {
    table: 'articles',
    name: 'articles_content_hash_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_content_hash_idx ON articles (content_hash)',
  },
  // A new link goes after the target's last one (`max(article_ord)` per tag, author or source): with these the
  // maximum is one index lookup, not a scan of every article the tag has (write speed stays flat at 100,000).
  {
    table: 'articles_tags_lnk',
    name: 'articles_tags_lnk_ord_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_tags_lnk_ord_idx ON articles_tags_lnk (tag_id, article_ord)',
  },
  {
    table: 'articles_authors_lnk',
    name: 'articles_authors_lnk_ord_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_authors_lnk_ord_idx ON articles_authors_lnk (author_id, article_ord)',
  },
  {
    table: 'articles_source_lnk',
    name: 'articles_source_lnk_ord_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_source_lnk_ord_idx ON articles_source_lnk (source_id, article_ord)',
  },
  // Public lists read published rows in these orders, a page at a time: an index gives the page without sorting
  // the whole table.
  {
    table: 'articles',
    name: 'articles_published_date_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_published_date_idx ON articles (published_date, id) WHERE published_at IS NOT NULL',
  },
  {
    table: 'articles',
    name: 'articles_published_at_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_published_at_idx ON articles (published_at, id) WHERE published_at IS NOT NULL',
  },
  // Strapi breaks ties by id ascending whatever the direction (so does the public reader, to give the same
  // answers): "newest first" is (date DESC, id ASC), which the ascending indexes above cannot give in order.
  // Without these, PostgreSQL sorted every published row for a deep page of a newest-first list (270 ms at
  // 100,000 articles; 14 ms with the index and the reader's id-first page query).
  {
    table: 'articles',
    name: 'articles_published_date_desc_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_published_date_desc_idx ON articles (published_date DESC, id) WHERE published_at IS NOT NULL',
  },
  {
    table: 'articles',
    name: 'articles_published_at_desc_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_published_at_desc_idx ON articles (published_at DESC, id) WHERE published_at IS NOT NULL',
  },
  {
    table: 'articles',
    name: 'articles_published_title_idx',
    sql: 'CREATE INDEX IF NOT EXISTS articles_published_title_idx ON articles (title, id) WHERE published_at IS NOT NULL',
  },
];

export async function ensureIndexes(knex: Knex): Promise<string[]> {
  const created: string[] = [];
  for (const index of LOOKUP_INDEXES) {
    if (!(await knex.schema.hasTable(index.table))) continue;
    await knex.raw(index.sql);
    created.push(index.name);
  }
  return created;
}

export async function up(knex: Knex): Promise<void> {
  await ensureIndexes(knex);
}
