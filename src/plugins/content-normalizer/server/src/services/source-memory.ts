import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ContentNormalizerConfig } from '../config';
import type { SourceMemory } from '../core/types';
import type { SourceLine } from '../core/source-memory';
import { contributionChange, isSourceBoilerplate, sourceLineKey, type SourceLineState } from '../core/source-memory';
import { fieldError } from '../utils/errors';

/**
 * Per-source memory of boilerplate lines, the database side. Two tables of the plugin's own (created at bootstrap):
 *
 * - `cn_source_lines`: per source (its slug) and line key, in how many of the source's documents the line is,
 *   a sample of the line as written, and its state (`counting`, `learned`, or `kept` by an editor as content);
 * - `cn_source_docs`: per source and document, the keys it was counted with, so that a document imported again
 *   is not counted twice (unchanged: nothing changes; updated: its old lines are taken off, its new ones added).
 *
 * Counts change only by single statements (`insert … on conflict do update set doc_count = doc_count + 1`) inside
 * the article's own transaction, in key order: exact under concurrent imports and with several instances on one
 * PostgreSQL, and rolled back with the article when its write fails.
 */

const LINES = 'cn_source_lines';
const DOCS = 'cn_source_docs';
/** Rows per insert statement: 5 parameters each, far below SQLite's and PostgreSQL's limits. */
const CHUNK = 200;

type Knex = Core.Strapi['db']['connection'];
type Row = Record<string, unknown>;

export interface SourceDocument {
  /** The source's slug. */
  source: string;
  /** The document's stable identity: its externalId, else its url, else its documentId. */
  docKey: string;
  documentId: string;
  /** The document's counted lines (CleanResult.sourceLines). */
  lines: SourceLine[];
  /** Keys of the lines its cleaning removed as this source's boilerplate (rule source-boilerplate). */
  removedKeys?: string[];
}

export interface LearnedLineView {
  lineKey: string;
  text: string;
  documents: number;
  state: SourceLineState;
  updatedAt: string | null;
}

const rowsOf = (answer: unknown): Row[] => (Array.isArray(answer) ? answer : ((answer as { rows?: Row[] }).rows ?? []));
const placeholders = (n: number) => new Array(n).fill('?').join(', ');

/** The identity a document is counted under: what the importer matches it by (externalId, then url), else its documentId. */
export function sourceDocKey(documentId: string, externalId?: unknown, url?: unknown): string {
  if (typeof externalId === 'string' && externalId !== '') return `x:${externalId}`;
  if (typeof url === 'string' && url !== '') return `u:${url}`;
  return `d:${documentId}`;
}

/** The keys of the lines a cleaning removed as its source's boilerplate. */
export function sourceBoilerplateKeys(removed: ReadonlyArray<{ rule: string; text: string }>): string[] {
  return removed.filter((entry) => entry.rule === 'source-boilerplate').map((entry) => sourceLineKey(entry.text));
}

/** Creates the tables if they are missing (every start; two instances starting at once are fine). */
async function createTables(db: Knex): Promise<void> {
  const create = async (table: string, build: (t: Parameters<Parameters<Knex['schema']['createTable']>[1]>[0]) => void) => {
    if (await db.schema.hasTable(table)) return;
    try {
      await db.schema.createTable(table, build);
    } catch (error) {
      if (!(await db.schema.hasTable(table))) throw error;
    }
  };
  await create(LINES, (t) => {
    t.increments('id');
    t.string('source', 255).notNullable();
    t.text('line_key').notNullable();
    t.text('sample_text').notNullable();
    t.integer('doc_count').notNullable().defaultTo(0);
    t.string('state', 16).notNullable().defaultTo('counting');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['source', 'line_key'], { indexName: 'cn_source_lines_source_key_uq' });
  });
  // memoryFor reads a source's lines seen in at least `threshold` documents: a few among thousands.
  await db.raw('create index if not exists cn_source_lines_source_count_idx on cn_source_lines (source, doc_count)');
  await create(DOCS, (t) => {
    t.increments('id');
    t.string('source', 255).notNullable();
    t.text('doc_key').notNullable();
    t.string('document_id', 64).notNullable();
    t.text('line_keys').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['source', 'doc_key'], { indexName: 'cn_source_docs_source_doc_uq' });
    t.index(['source', 'document_id'], 'cn_source_docs_source_document_idx');
  });
}

/**
 * Counts a document's lines, in the caller's transaction: a first import adds them, an update replaces the
 * document's old contribution. Returns the keys this document made boilerplate (they reached the threshold now),
 * how many of its lines the source had never seen, and whether a line it holds was already learned (the document
 * was cleaned with a memory that was out of date).
 */
async function countDocument(
  trx: Knex,
  doc: SourceDocument,
  threshold: number,
): Promise<{ learned: string[]; inserted: number; cleanedStale: boolean }> {
  const now = Date.now();
  const keys = [...new Set(doc.lines.map((line) => line.key))].sort();
  const textOf = new Map(doc.lines.map((line) => [line.key, line.text]));
  const removedKeys = new Set(doc.removedKeys ?? []);
  // A document seen for the first time (most imports) is one insert; only one already counted is read (locked,
  // so two updates of it count one after the other) and rewritten.
  const created = rowsOf(
    await trx.raw(
      `insert into ${DOCS} (source, doc_key, document_id, line_keys, updated_at) values (?, ?, ?, ?, ?) ` +
        `on conflict (source, doc_key) do nothing returning id`,
      [doc.source, doc.docKey, doc.documentId, JSON.stringify(keys), now],
    ),
  );
  const existing = created.length
    ? undefined
    : ((await trx(DOCS).select('id', 'line_keys').where({ source: doc.source, doc_key: doc.docKey }).forUpdate().first()) as
        | Row
        | undefined);
  let before: string[] | null = null;
  if (existing) {
    try {
      const parsed = JSON.parse(String(existing.line_keys)) as unknown;
      before = Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
    } catch {
      before = [];
    }
    await trx(DOCS)
      .where('id', existing.id as number)
      .update({ line_keys: JSON.stringify(keys), document_id: doc.documentId, updated_at: now });
  } else if (!created.length) {
    // The conflicting row went between the two statements (a document deleted meanwhile): insert it now.
    await trx(DOCS).insert({
      source: doc.source,
      doc_key: doc.docKey,
      document_id: doc.documentId,
      line_keys: JSON.stringify(keys),
      updated_at: now,
    });
  }
  const { added, removed } = contributionChange(before, keys);

  for (let i = 0; i < removed.length; i += CHUNK) {
    const part = removed.slice(i, i + CHUNK);
    // Every right-hand side reads the row as it was: the state follows the decremented count.
    await trx.raw(
      `update ${LINES} set doc_count = case when doc_count > 0 then doc_count - 1 else 0 end, ` +
        `state = case when state = 'learned' and doc_count - 1 < ? then 'counting' else state end, updated_at = ? ` +
        `where source = ? and line_key in (${placeholders(part.length)})`,
      [threshold, now, doc.source, ...part],
    );
  }

  const reached: string[] = [];
  let inserted = 0;
  let cleanedStale = false;
  for (let i = 0; i < added.length; i += CHUNK) {
    const part = added.slice(i, i + CHUNK);
    const values: unknown[] = [];
    for (const key of part) values.push(doc.source, key, (textOf.get(key) ?? key).slice(0, 1000), now, now);
    const rows = rowsOf(
      await trx.raw(
        `insert into ${LINES} (source, line_key, sample_text, doc_count, state, created_at, updated_at) values ` +
          part.map(() => `(?, ?, ?, 1, 'counting', ?, ?)`).join(', ') +
          ` on conflict (source, line_key) do update set doc_count = ${LINES}.doc_count + 1, updated_at = excluded.updated_at ` +
          `returning line_key, doc_count, state`,
        values as never[],
      ),
    );
    for (const row of rows) {
      const count = Number(row.doc_count);
      if (row.state === 'learned' && !removedKeys.has(String(row.line_key))) cleanedStale = true;
      if (count === 1) inserted += 1;
      if (row.state === 'counting' && isSourceBoilerplate(count, 'counting', threshold)) reached.push(String(row.line_key));
    }
  }
  let learned: string[] = [];
  if (reached.length) {
    // Only the transaction that flips the state reports the line, so one re-clean is enqueued per line.
    learned = rowsOf(
      await trx.raw(
        `update ${LINES} set state = 'learned' where source = ? and state = 'counting' and doc_count >= ? ` +
          `and line_key in (${placeholders(reached.length)}) returning line_key`,
        [doc.source, threshold, ...reached],
      ),
    ).map((row) => String(row.line_key));
  }
  return { learned: learned.sort(), inserted, cleanedStale };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).sourceMemory;
  const knex = () => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  let evicting: Promise<void> = Promise.resolve();
  /**
   * New lines per source since its bound was last checked. Counting a source's lines costs a scan of up to
   * maxLinesPerSource rows, so the bound is checked once a twentieth of it has been added, not after every
   * document: a source holds at most about 5 % more lines than maxLinesPerSource between two checks.
   */
  const grown = new Map<string, number>();
  const checkEvery = () => Math.max(1, Math.floor(settings().maxLinesPerSource / 20));
  /**
   * Documents cleaned with a memory that was already out of date when they were written: another import of the
   * same source made one of their lines boilerplate between their cleaning and their write (concurrent
   * imports, or a batch cleaned ahead). The re-clean that learning enqueued did not know them; they get their own.
   */
  const stale = new Map<string, Set<string>>();

  /** Enqueues a re-clean of stored articles; a no-op until the jobs service exists. */
  async function reclean(documentIds: string[], reason: string): Promise<void> {
    if (documentIds.length === 0) return;
    try {
      const plugin = strapi.plugin('content-normalizer');
      const jobs = (plugin.services as Record<string, unknown>).jobs as
        | { enqueue?: (type: string, params: { documentIds: string[]; reason: string }) => Promise<unknown> }
        | undefined;
      await jobs?.enqueue?.('reclean', { documentIds, reason });
    } catch (error) {
      strapi.log.warn(`content-normalizer source memory: could not enqueue a re-clean (${(error as Error)?.message ?? error})`);
    }
  }

  /** The documents of `source` counted with `lineKey`. */
  async function documentsWith(source: string, lineKey: string, db: Knex = knex()): Promise<string[]> {
    const needle = JSON.stringify(lineKey).replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = (await db(DOCS)
      .select('document_id', 'line_keys')
      .where('source', source)
      .andWhereRaw(`line_keys like ? escape '\\'`, [`%${needle}%`])) as Row[];
    const ids = new Set<string>();
    for (const row of rows) {
      try {
        const keys = JSON.parse(String(row.line_keys)) as unknown;
        if (Array.isArray(keys) && keys.includes(lineKey)) ids.add(String(row.document_id));
      } catch {
        /* a row this code did not write: skip it */
      }
    }
    return [...ids];
  }

  /** Past maxLinesPerSource, forgets the least-seen lines still counting (oldest first), down to 90 % of it. */
  async function evict(source: string): Promise<void> {
    const { maxLinesPerSource } = settings();
    const [{ n }] = (await knex()(LINES).where('source', source).count({ n: '*' })) as Array<{ n: number | string }>;
    const excess = Number(n) - Math.floor(maxLinesPerSource * 0.9);
    if (Number(n) <= maxLinesPerSource || excess <= 0) return;
    // On PostgreSQL, rows another transaction is counting right now are skipped rather than waited for.
    const lock = isPostgres() ? ' for update skip locked' : '';
    await knex().raw(
      `delete from ${LINES} where id in (select id from ${LINES} where source = ? and state = 'counting' ` +
        `order by doc_count asc, updated_at asc, id asc limit ?${lock})`,
      [source, excess],
    );
  }

  return {
    /** Creates the tables if they are missing (every start; two instances starting at once are fine). */
    ensureSchema: (): Promise<void> => createTables(knex()),

    /** What the engine needs for a document of `source`: the keys learned so far, and which lines to count. */
    async memoryFor(source: string): Promise<SourceMemory> {
      const { threshold, minLength, minWords, maxLength } = settings();
      const rows = (await knex()(LINES)
        .select('line_key')
        .where('source', source)
        .andWhere('doc_count', '>=', threshold)
        .andWhereNot('state', 'kept')) as Row[];
      return { lines: rows.map((row) => String(row.line_key)), limits: { minLength, minWords, maxLength } };
    },

    /**
     * Counts a document's lines in the caller's transaction (countDocument) and notes, for afterRecord, how much
     * the source grew and whether the document was cleaned with an out-of-date memory. Returns the keys it made
     * boilerplate.
     */
    async record(trx: Knex, doc: SourceDocument): Promise<string[]> {
      const counted = await countDocument(trx, doc, settings().threshold);
      if (counted.cleanedStale) stale.set(doc.source, (stale.get(doc.source) ?? new Set()).add(doc.documentId));
      if (counted.inserted) grown.set(doc.source, (grown.get(doc.source) ?? 0) + counted.inserted);
      return counted.learned;
    },

    /**
     * After the write that called `record` committed: bounds the source's memory if it grew, and enqueues a
     * re-clean of the source's stored articles counted with lines that just became boilerplate.
     */
    async afterRecord(source: string, learned: string[]): Promise<void> {
      if ((grown.get(source) ?? 0) >= checkEvery()) {
        grown.delete(source);
        // One eviction at a time per instance; on its own connection, outside any article's transaction.
        evicting = evicting
          .then(() => evict(source))
          .catch((error) => {
            strapi.log.warn(`content-normalizer source memory: eviction failed (${(error as Error)?.message ?? error})`);
          });
        await evicting;
      }
      for (const key of learned) await reclean(await documentsWith(source, key), `source-boilerplate: a line of ${source} was learned`);
      const late = stale.get(source);
      if (late?.size) {
        stale.delete(source);
        await reclean([...late], `source-boilerplate: cleaned before a line of ${source} was learned`);
      }
    },

    /** The learned and kept lines of a source, most seen first; 404 for a source that does not exist. */
    async list(source: string): Promise<{ lines: LearnedLineView[]; threshold: number; documents: number }> {
      await this.assertSource(source);
      const { threshold } = settings();
      const rows = (await knex()(LINES)
        .select('line_key', 'sample_text', 'doc_count', 'state', 'updated_at')
        .where('source', source)
        .andWhere((q) => q.where('doc_count', '>=', threshold).orWhereIn('state', ['learned', 'kept']))
        .orderBy([
          { column: 'doc_count', order: 'desc' },
          { column: 'line_key', order: 'asc' },
        ])
        .limit(1000)) as Row[];
      const [{ n }] = (await knex()(DOCS).where('source', source).count({ n: '*' })) as Array<{ n: number | string }>;
      return {
        threshold,
        documents: Number(n),
        lines: rows.map((row) => ({
          lineKey: String(row.line_key),
          text: String(row.sample_text),
          documents: Number(row.doc_count),
          state: stateOf(row, threshold),
          updatedAt: row.updated_at === null || row.updated_at === undefined ? null : new Date(Number(row.updated_at)).toISOString(),
        })),
      };
    },

    /** Every source, with how many lines it has learned and how many of its documents were counted. */
    async sources(): Promise<Array<{ slug: string; name: string; learned: number; documents: number }>> {
      const { threshold } = settings();
      const uid = (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).taxonomy.source;
      const rows = (await strapi.db.query(uid as never).findMany({
        select: ['slug', 'name'],
        orderBy: { name: 'asc' },
        limit: 1000,
      })) as Array<{ slug: string; name: string }>;
      const learned = (await knex()(LINES)
        .select('source')
        .count({ n: '*' })
        .where('doc_count', '>=', threshold)
        .andWhereNot('state', 'kept')
        .groupBy('source')) as Row[];
      const documents = (await knex()(DOCS).select('source').count({ n: '*' }).groupBy('source')) as Row[];
      const countOf = (list: Row[], slug: string) => Number(list.find((row) => row.source === slug)?.n ?? 0);
      const seen = new Set<string>();
      return rows
        .filter((row) => !seen.has(row.slug) && seen.add(row.slug))
        .map((row) => ({ slug: row.slug, name: row.name, learned: countOf(learned, row.slug), documents: countOf(documents, row.slug) }));
    },

    /** Throws a 404 unless a Source with this slug exists. */
    async assertSource(source: string): Promise<void> {
      const uid = (strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig).taxonomy.source;
      const found = await strapi.db.query(uid as never).findOne({ where: { slug: source }, select: ['id'] });
      if (!found) throw new errors.NotFoundError(`No source with the slug "${source}"`);
    },

    /** The line key an admin request names: `lineKey` as listed, or `line` as written in an article. */
    keyOfRequest(body: unknown): string {
      const given = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
      if (given.lineKey !== undefined) {
        if (typeof given.lineKey !== 'string' || !given.lineKey.trim() || given.lineKey.length > 2000)
          throw fieldError('lineKey', 'must be a line key as listed by GET /content-normalizer/sources/:slug/boilerplate');
        return given.lineKey;
      }
      if (typeof given.line !== 'string' || !given.line.trim() || given.line.length > 2000)
        throw fieldError('lineKey', 'give lineKey (as listed) or line (the line as written)');
      return sourceLineKey(given.line);
    },

    /** "Keep as content": the line is never learned again for this source; articles that lost it get it back. */
    async keep(source: string, lineKey: string, text?: string): Promise<LearnedLineView> {
      await this.assertSource(source);
      const now = Date.now();
      await knex().raw(
        `insert into ${LINES} (source, line_key, sample_text, doc_count, state, created_at, updated_at) values (?, ?, ?, 0, 'kept', ?, ?) ` +
          `on conflict (source, line_key) do update set state = 'kept', updated_at = excluded.updated_at`,
        [source, lineKey, (text ?? lineKey).slice(0, 1000), now, now],
      );
      await reclean(await documentsWith(source, lineKey), `source-boilerplate: a line of ${source} was kept as content`);
      return this.line(source, lineKey) as Promise<LearnedLineView>;
    },

    /** "Forget": the line's count starts again from zero; articles that lost it get it back. 404 for a line never seen. */
    async forget(source: string, lineKey: string): Promise<LearnedLineView> {
      await this.assertSource(source);
      const changed = await knex()(LINES)
        .where({ source, line_key: lineKey })
        .update({ doc_count: 0, state: 'counting', updated_at: Date.now() });
      if (!changed) throw new errors.NotFoundError('This source has no such line');
      await reclean(await documentsWith(source, lineKey), `source-boilerplate: a line of ${source} was forgotten`);
      return this.line(source, lineKey) as Promise<LearnedLineView>;
    },

    async line(source: string, lineKey: string): Promise<LearnedLineView | null> {
      const { threshold } = settings();
      const row = (await knex()(LINES)
        .select('line_key', 'sample_text', 'doc_count', 'state', 'updated_at')
        .where({ source, line_key: lineKey })
        .first()) as Row | undefined;
      if (!row) return null;
      return {
        lineKey: String(row.line_key),
        text: String(row.sample_text),
        documents: Number(row.doc_count),
        state: stateOf(row, threshold),
        updatedAt: new Date(Number(row.updated_at)).toISOString(),
      };
    },

    documentsWith,

    /** Waits for evictions started by earlier writes (tests, shutdown). */
    async settled(): Promise<void> {
      await evicting;
    },
  };
};

/** The state shown: the stored one, except that a line over the threshold is learned (the threshold may have changed). */
function stateOf(row: Row, threshold: number): SourceLineState {
  const state = row.state === 'kept' ? 'kept' : 'counting';
  return state === 'kept' ? 'kept' : isSourceBoilerplate(Number(row.doc_count), state, threshold) ? 'learned' : 'counting';
}
