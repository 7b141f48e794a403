import type { Knex } from 'knex';
import type { ParsedQuery, SearchTerm } from './query';
import { MARK_END, MARK_START } from './render';

/** One published article as the search index holds it. */
export interface IndexRow {
  documentId: string;
  title: string;
  excerpt: string;
  /** Plain text of the clean body (never rawText, never removed lines). */
  body: string;
  /** Tag names and author names, space-separated. */
  tags: string;
  authors: string;
  tagSlugs: string[];
  authorSlugs: string[];
  sourceSlug: string | null;
  publishedDate: string | null;
  language: string | null;
}

export interface SearchFilters {
  tag?: string;
  source?: string;
  author?: string;
  from?: string;
  to?: string;
}

export interface SearchHit {
  documentId: string;
  score: number;
  highlight: string;
}

export interface SearchEngine {
  readonly name: 'sqlite' | 'postgres';
  /** Creates what the index needs; true when the index did not exist before (it must be filled). */
  ensureSchema(): Promise<boolean>;
  /** Writes an article's row; with `trx`, in that transaction (it commits or rolls back with the article). */
  upsert(row: IndexRow, trx?: Knex): Promise<void>;
  remove(documentId: string): Promise<void>;
  clear(): Promise<void>;
  count(): Promise<number>;
  search(query: ParsedQuery, filters: SearchFilters, offset: number, limit: number): Promise<{ hits: SearchHit[]; total: number }>;
}

const TABLE = 'search_articles';

/** Slugs are kept space-separated with a space at both ends, so `like '% slug %'` finds one exactly. */
const slugList = (slugs: string[]) => ` ${slugs.join(' ')} `;
const likeOne = (slug: string) => `% ${slug.replace(/[\\%_]/g, (c) => `\\${c}`)} %`;

function filterSql(filters: SearchFilters, column: (name: string) => string): { sql: string; bindings: string[] } {
  const parts: string[] = [];
  const bindings: string[] = [];
  if (filters.tag) {
    parts.push(`${column('tag_slugs')} like ? escape '\\'`);
    bindings.push(likeOne(filters.tag));
  }
  if (filters.author) {
    parts.push(`${column('author_slugs')} like ? escape '\\'`);
    bindings.push(likeOne(filters.author));
  }
  if (filters.source) {
    parts.push(`${column('source_slug')} = ?`);
    bindings.push(filters.source);
  }
  if (filters.from) {
    parts.push(`${column('published_date')} >= ?`);
    bindings.push(filters.from);
  }
  if (filters.to) {
    parts.push(`${column('published_date')} <= ?`);
    bindings.push(filters.to);
  }
  return { sql: parts.map((part) => ` and ${part}`).join(''), bindings };
}

type RawRows = Array<Record<string, unknown>>;
const rowsOf = (answer: unknown): RawRows => (Array.isArray(answer) ? answer : ((answer as { rows?: RawRows }).rows ?? []));

// --- SQLite: FTS5 ----------------------------------------------------------------------------------------------

/** A term as an FTS5 string: quoted, so nothing in it is read as an operator. Words hold no quote character. */
const fts5Term = (term: SearchTerm) => `"${term.words.join(' ').replace(/"/g, '""')}"`;

/** The parsed query as an FTS5 expression. */
export function fts5Query(query: ParsedQuery): string {
  const groups = query.required.map((group) => (group.length === 1 ? fts5Term(group[0]) : `(${group.map(fts5Term).join(' OR ')})`));
  const positive = groups.join(' AND ');
  if (query.excluded.length === 0) return positive;
  return `(${positive}) NOT (${query.excluded.map(fts5Term).join(' OR ')})`;
}

/**
 * SQLite: an FTS5 table (Porter stemming over unicode61 with diacritics removed: case- and accent-insensitive,
 * English stems) and a plain table beside it for the document id and the filters, sharing rowids.
 */
export function sqliteEngine(knex: Knex): SearchEngine {
  const DOCS = `${TABLE}_docs`;
  return {
    name: 'sqlite',
    async ensureSchema() {
      const existed = await knex.schema.hasTable(DOCS);
      await knex.raw(
        `create virtual table if not exists ${TABLE} using fts5(title, excerpt, body, tags, authors, ` +
          `tokenize = 'porter unicode61 remove_diacritics 2')`,
      );
      await knex.raw(
        `create table if not exists ${DOCS} (rowid integer primary key, document_id text not null unique, ` +
          `published_date text, language text, tag_slugs text, author_slugs text, source_slug text)`,
      );
      return !existed;
    },
    async upsert(row, outer) {
      const write = async (trx: Knex) => {
        const existing = (await trx(DOCS).select('rowid').where('document_id', row.documentId).first()) as { rowid: number } | undefined;
        const docs = {
          published_date: row.publishedDate,
          language: row.language,
          tag_slugs: slugList(row.tagSlugs),
          author_slugs: slugList(row.authorSlugs),
          source_slug: row.sourceSlug,
        };
        let rowid: number;
        if (existing) {
          rowid = existing.rowid;
          await trx(DOCS).where('rowid', rowid).update(docs);
          await trx.raw(`delete from ${TABLE} where rowid = ?`, [rowid]);
        } else {
          const [inserted] = (await trx(DOCS).insert({ document_id: row.documentId, ...docs }, ['rowid'])) as Array<
            { rowid: number } | number
          >;
          rowid = typeof inserted === 'object' ? Number(inserted.rowid) : Number(inserted);
        }
        await trx.raw(`insert into ${TABLE} (rowid, title, excerpt, body, tags, authors) values (?, ?, ?, ?, ?, ?)`, [
          rowid,
          row.title,
          row.excerpt,
          row.body,
          row.tags,
          row.authors,
        ]);
      };
      await (outer ? write(outer) : knex.transaction(write));
    },
    async remove(documentId) {
      await knex.transaction(async (trx) => {
        const existing = (await trx(DOCS).select('rowid').where('document_id', documentId).first()) as { rowid: number } | undefined;
        if (!existing) return;
        await trx.raw(`delete from ${TABLE} where rowid = ?`, [existing.rowid]);
        await trx(DOCS).where('rowid', existing.rowid).delete();
      });
    },
    async clear() {
      await knex.transaction(async (trx) => {
        await trx.raw(`delete from ${TABLE}`);
        await trx(DOCS).delete();
      });
    },
    async count() {
      const [row] = rowsOf(await knex.raw(`select count(*) as n from ${DOCS}`));
      return Number(row?.n ?? 0);
    },
    async search(query, filters, offset, limit) {
      const match = fts5Query(query);
      const where = filterSql(filters, (name) => `d.${name}`);
      const from = `from ${TABLE} f join ${DOCS} d on d.rowid = f.rowid where ${TABLE} match ?${where.sql}`;
      const bindings = [match, ...where.bindings];
      const [counted] = rowsOf(await knex.raw(`select count(*) as n ${from}`, bindings));
      const total = Number(counted?.n ?? 0);
      if (total === 0 || offset >= total) return { hits: [], total };
      // bm25 is lower for better matches; the weights favour the title, then tags and authors, then the excerpt.
      const page = rowsOf(
        await knex.raw(
          `select f.rowid as rowid, d.document_id as document_id, -bm25(${TABLE}, 10.0, 3.0, 1.0, 5.0, 5.0) as score, ` +
            `snippet(${TABLE}, -1, ?, ?, '…', 24) as highlight ${from} ` +
            `order by score desc, d.published_date is null, d.published_date desc, d.document_id limit ? offset ?`,
          [MARK_START, MARK_END, ...bindings, limit, offset],
        ),
      );
      return {
        total,
        hits: page.map((row) => ({
          documentId: String(row.document_id),
          score: Number(row.score),
          highlight: String(row.highlight ?? ''),
        })),
      };
    },
  };
}

// --- PostgreSQL: full-text search with a GIN index ---------------------------------------------------------------

/** Article languages (ISO 639-1) and the PostgreSQL text-search configuration that stems them. */
const PG_LANGUAGES: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

const CONFIG_PREFIX = 'newsroom_search_';

/**
 * PostgreSQL: one row per published article with a weighted tsvector (title A, tags and authors B, excerpt C,
 * body D) built with the article's own language configuration (`simple` when the language is unknown), and a
 * GIN index over it. The configurations are copies of PostgreSQL's own with `unaccent` in front of the
 * stemmer, so matching is accent-insensitive and highlights keep the accents. Each query is parsed once per
 * configuration in use (a handful), each against the rows of that configuration.
 */
export function postgresEngine(knex: Knex, log: { warn(message: string): void }): SearchEngine {
  let configs = new Map<string, string>();
  /** Configurations this process has recorded in the table of configurations in use. */
  const recordedConfigs = new Set<string>();
  let unaccent = false;

  async function ensureConfig(base: string): Promise<string> {
    if (!unaccent) return base;
    const name = `${CONFIG_PREFIX}${base}`;
    const dictionary = base === 'simple' ? 'simple' : `${base}_stem`;
    const exists = rowsOf(await knex.raw('select 1 from pg_ts_config where cfgname = ?', [name]));
    if (exists.length) return name;
    try {
      await knex.transaction(async (trx) => {
        await trx.raw(`create text search configuration ${name} (copy = ${base})`);
        await trx.raw(`alter text search configuration ${name} alter mapping for hword, hword_part, word with unaccent, ${dictionary}`);
      });
    } catch (error) {
      // Another instance created it at the same moment.
      if ((error as { code?: string }).code !== '42710' && (error as { code?: string }).code !== '23505') throw error;
    }
    return name;
  }

  const configOf = (language: string | null) =>
    configs.get(PG_LANGUAGES[(language ?? '').toLowerCase().slice(0, 2)] ?? 'simple') ?? 'simple';

  /** The query as a tsquery of one text-search configuration: a constant, so the GIN index can answer it. */
  function tsqueryOf(query: ParsedQuery, config: string): { sql: string; bindings: string[] } {
    const bindings: string[] = [];
    const term = (t: SearchTerm) => {
      bindings.push(config, t.words.join(' '));
      return 'phraseto_tsquery(?::regconfig, ?)';
    };
    const groups = query.required.map((group) => `(${group.map(term).join(' || ')})`);
    let sql = groups.join(' && ');
    if (query.excluded.length) sql = `(${sql}) && !!(${query.excluded.map(term).join(' || ')})`;
    return { sql, bindings };
  }

  return {
    name: 'postgres',
    async ensureSchema() {
      const existed = await knex.schema.hasTable(TABLE);
      try {
        await knex.raw('create extension if not exists unaccent');
        unaccent = true;
      } catch (error) {
        log.warn(`search: the unaccent extension is not available (${(error as Error).message}); search is accent-sensitive`);
      }
      const installed = rowsOf(await knex.raw('select cfgname from pg_ts_config')).map((row) => String(row.cfgname));
      configs = new Map();
      for (const base of new Set(['simple', ...Object.values(PG_LANGUAGES)])) {
        if (installed.includes(base)) configs.set(base, await ensureConfig(base));
      }
      await knex.raw(
        `create table if not exists ${TABLE} (document_id varchar(255) primary key, config regconfig not null, ` +
          `title text, excerpt text, body text, tags text, authors text, tag_slugs text, author_slugs text, source_slug text, ` +
          `published_date date, language varchar(16), tsv tsvector not null)`,
      );
      await knex.raw(`create index if not exists ${TABLE}_tsv on ${TABLE} using gin (tsv)`);
      await knex.raw(`create index if not exists ${TABLE}_config on ${TABLE} (config)`);
      await knex.raw(`create table if not exists ${TABLE}_configs (config regconfig primary key)`);
      return !existed;
    },
    async upsert(row, trx) {
      const config = configOf(row.language);
      // Configurations are only ever added to that table: one insert per configuration and process is enough.
      // On a connection of its own, outside `trx`: a configuration listed for an article that then rolls back
      // only costs the search one empty branch.
      if (!recordedConfigs.has(config)) {
        await knex.raw(`insert into ${TABLE}_configs (config) values (?::regconfig) on conflict do nothing`, [config]);
        recordedConfigs.add(config);
      }
      await (trx ?? knex).raw(
        `insert into ${TABLE} as s (document_id, config, title, excerpt, body, tags, authors, tag_slugs, author_slugs, source_slug, ` +
          `published_date, language, tsv) ` +
          `select v.document_id, v.config, v.title, v.excerpt, v.body, v.tags, v.authors, v.tag_slugs, v.author_slugs, v.source_slug, ` +
          `v.published_date, v.language, ` +
          `setweight(to_tsvector(v.config, v.title), 'A') || setweight(to_tsvector(v.config, v.tags || ' ' || v.authors), 'B') || ` +
          `setweight(to_tsvector(v.config, v.excerpt), 'C') || setweight(to_tsvector(v.config, v.body), 'D') ` +
          `from (select ?::varchar as document_id, ?::regconfig as config, ?::text as title, ?::text as excerpt, ?::text as body, ` +
          `?::text as tags, ?::text as authors, ?::text as tag_slugs, ?::text as author_slugs, ?::text as source_slug, ` +
          `?::date as published_date, ?::varchar as language) v ` +
          `on conflict (document_id) do update set config = excluded.config, title = excluded.title, excerpt = excluded.excerpt, ` +
          `body = excluded.body, tags = excluded.tags, authors = excluded.authors, tag_slugs = excluded.tag_slugs, ` +
          `author_slugs = excluded.author_slugs, source_slug = excluded.source_slug, published_date = excluded.published_date, ` +
          `language = excluded.language, tsv = excluded.tsv`,
        [
          row.documentId,
          config,
          row.title,
          row.excerpt,
          row.body,
          row.tags,
          row.authors,
          slugList(row.tagSlugs),
          slugList(row.authorSlugs),
          row.sourceSlug,
          row.publishedDate,
          row.language,
        ],
      );
    },
    async remove(documentId) {
      await knex(TABLE).where('document_id', documentId).delete();
    },
    async clear() {
      await knex(TABLE).delete();
    },
    async count() {
      const [row] = rowsOf(await knex.raw(`select count(*) as n from ${TABLE}`));
      return Number(row?.n ?? 0);
    },
    async search(query, filters, offset, limit) {
      // One branch per configuration in use (a handful), each with its own constant query: a join of the rows
      // with a table of per-configuration queries made PostgreSQL scan every row (300 ms at 100,000 articles).
      const configsInUse = rowsOf(await knex.raw(`select config::text as config from ${TABLE}_configs order by 1`)).map((row) =>
        String(row.config),
      );
      if (configsInUse.length === 0) return { total: 0, hits: [] };
      const branches: string[] = [];
      const bindings: string[] = [];
      for (const config of configsInUse) {
        const tsquery = tsqueryOf(query, config);
        const where = filterSql(filters, (name) => `s.${name}`);
        branches.push(
          `select s.document_id, s.config, s.published_date, q.query, ts_rank(s.tsv, q.query) as score ` +
            `from ${TABLE} s, (select ${tsquery.sql} as query) q where s.config = ?::regconfig and s.tsv @@ q.query${where.sql}`,
        );
        bindings.push(...tsquery.bindings, config, ...where.bindings);
      }
      const hits = `with hits as (${branches.join(' union all ')}) `;
      const answer = rowsOf(
        await knex.raw(
          `${hits}select p.document_id, p.score, p.total, ` +
            `ts_headline(p.config, coalesce(s.title, '') || ' … ' || coalesce(s.body, ''), p.query, ` +
            `'StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') as highlight ` +
            `from (select h.*, count(*) over () as total from hits h ` +
            `order by h.score desc, h.published_date desc nulls last, h.document_id limit ? offset ?) p ` +
            `join ${TABLE} s on s.document_id = p.document_id ` +
            `order by p.score desc, p.published_date desc nulls last, p.document_id`,
          [...bindings, limit, offset],
        ),
      );
      let total = answer.length ? Number(answer[0].total) : 0;
      if (answer.length === 0 && offset > 0) {
        const [counted] = rowsOf(await knex.raw(`${hits}select count(*) as n from hits`, bindings));
        total = Number(counted?.n ?? 0);
      }
      return {
        total,
        hits: answer.map((row) => ({
          documentId: String(row.document_id),
          score: Number(row.score),
          highlight: String(row.highlight ?? ''),
        })),
      };
    },
  };
}
