import type { Core } from '@strapi/strapi';
import type { ContentNormalizerConfig } from '../config';
import { createDocumentId } from '../utils/document-id';
import type { TaxonomyRow } from './taxonomy';

/**
 * The importer's write path: the rows Strapi's Document Service would write for an article created or updated
 * (and published), written with a handful of statements instead of ~70.
 *
 * The Document Service spends most of an import on work an import does not need: it validates every field
 * again (the importer has), checks uniqueness with queries (the database's unique indexes do it here), reads
 * the entry back after every step, and copies the draft into the published row with more reads. This writes
 * what it would write — the draft row, the published copy with the same document id and timestamps, and the
 * link rows with the same order columns (`tag_ord` in the order given, the inverse `article_ord` one past the
 * target's current maximum, copied unchanged to the published row) — so that an imported article reads back,
 * through the Document Service and REST, exactly like one an editor saved (tests/api/import-writer.test.ts).
 * Table and column names come from Strapi's metadata, not from this file.
 *
 * Runs inside the caller's transaction (`strapi.db.transaction`); after it commits, Strapi's `entry.*` events
 * are emitted as the Document Service would, so webhooks and the public cache hear of the change.
 */

export interface ArticleRelations {
  tags: TaxonomyRow[];
  authors: TaxonomyRow[];
  source: TaxonomyRow | null;
}

export interface ArticleWrite {
  /** The document to update (its draft row id), or null to create one. */
  existing: { documentId: string; draftId: number } | null;
  /** Attribute name → value, as the Document Service would take them (scalars only). */
  fields: Record<string, unknown>;
  relations: ArticleRelations;
  status: 'draft' | 'published';
}

type Knex = Core.Strapi['db']['connection'];
type Row = Record<string, unknown>;
interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
}
interface AttributeMeta {
  type: string;
  columnName?: string;
  joinTable?: JoinTable;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;

  function layout() {
    const { article } = config();
    const meta = strapi.db.metadata.get(article.uid as never) as unknown as {
      tableName: string;
      attributes: Record<string, AttributeMeta>;
    };
    const column = (attribute: string) => meta.attributes[attribute]?.columnName ?? attribute;
    const join = (attribute: string) => {
      const joinTable = meta.attributes[attribute]?.joinTable;
      if (!joinTable) throw new Error(`content-normalizer: ${article.uid}.${attribute} has no join table`);
      return joinTable;
    };
    return {
      table: meta.tableName,
      attributes: meta.attributes,
      column,
      links: [
        { joinTable: join(article.tagsRelation), targets: (r: ArticleRelations) => r.tags },
        { joinTable: join(article.authorsRelation), targets: (r: ArticleRelations) => r.authors },
        { joinTable: join(article.sourceRelation), targets: (r: ArticleRelations) => (r.source ? [r.source] : []) },
      ],
    };
  }

  /** An attribute's value as the database column takes it (Strapi stores JSON attributes as text). */
  function toColumns(fields: Record<string, unknown>, attributes: Record<string, AttributeMeta>, column: (name: string) => string): Row {
    const row: Row = {};
    for (const [name, value] of Object.entries(fields)) {
      const attribute = attributes[name];
      if (!attribute || attribute.type === 'relation') continue;
      row[column(name)] = attribute.type === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : value;
    }
    return row;
  }

  async function insertRow(trx: Knex, table: string, row: Row): Promise<number> {
    const [inserted] = (await trx(table).insert(row, ['id'])) as Array<{ id: number } | number>;
    return typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
  }

  /**
   * Link rows for one relation of one article row: the order column follows the given order; the inverse order
   * keeps what an existing link had and is one past the target's maximum for a new one (as Strapi's `set`).
   */
  async function linkRows(trx: Knex, joinTable: JoinTable, articleId: number, targets: TaxonomyRow[], previous: Map<number, number>) {
    const { joinColumn, inverseJoinColumn, orderColumnName, inverseOrderColumnName } = joinTable;
    const unique = [...new Map(targets.map((target) => [target.id, target])).values()];
    if (unique.length === 0) return [];
    const fresh = unique.filter((target) => !previous.has(target.id)).map((target) => target.id);
    const max = new Map<number, number>();
    if (inverseOrderColumnName && fresh.length > 0) {
      const rows = (await trx(joinTable.name)
        .select(inverseJoinColumn.name)
        .max(inverseOrderColumnName, { as: 'max' })
        .whereIn(inverseJoinColumn.name, fresh)
        .groupBy(inverseJoinColumn.name)) as Row[];
      for (const row of rows) max.set(Number(row[inverseJoinColumn.name]), Number(row.max) || 0);
    }
    return unique.map((target, index) => {
      const row: Row = { [joinColumn.name]: articleId, [inverseJoinColumn.name]: target.id };
      if (orderColumnName) row[orderColumnName] = index + 1;
      if (inverseOrderColumnName) row[inverseOrderColumnName] = previous.get(target.id) ?? (max.get(target.id) ?? 0) + 1;
      return row;
    });
  }

  /** Existing links of an article row, target id → inverse order, per join table. */
  async function currentLinks(trx: Knex, joinTable: JoinTable, articleId: number): Promise<Map<number, number>> {
    const { joinColumn, inverseJoinColumn, inverseOrderColumnName } = joinTable;
    const rows = (await trx(joinTable.name)
      .select(inverseJoinColumn.name, ...(inverseOrderColumnName ? [inverseOrderColumnName] : []))
      .where(joinColumn.name, articleId)) as Row[];
    return new Map(
      rows.map((row) => [Number(row[inverseJoinColumn.name]), Number(inverseOrderColumnName ? row[inverseOrderColumnName] : 0)]),
    );
  }

  return {
    /** Writes the article's rows in the transaction `trx`; returns its documentId and draft row id. */
    async write({ existing, fields, relations, status }: ArticleWrite, trx: Knex): Promise<{ documentId: string; draftId: number }> {
      const { table, attributes, column, links } = layout();
      const now = new Date();
      const columns = toColumns(fields, attributes, column);
      let draftId: number;
      let documentId: string;
      let draftRow: Row;

      if (existing) {
        documentId = existing.documentId;
        draftId = existing.draftId;
        await trx(table)
          .where({ id: draftId })
          .update({ ...columns, [column('updatedAt')]: now });
        draftRow = (await trx(table).where({ id: draftId }).first()) as Row;
      } else {
        documentId = createDocumentId();
        draftRow = {
          ...columns,
          [column('documentId')]: documentId,
          [column('createdAt')]: now,
          [column('updatedAt')]: now,
          [column('publishedAt')]: null,
          ...(attributes.locale ? { [column('locale')]: null } : {}),
        };
        draftId = await insertRow(trx, table, draftRow);
      }

      const draftLinks: Array<{ joinTable: JoinTable; rows: Row[] }> = [];
      for (const { joinTable, targets } of links) {
        const previous = existing ? await currentLinks(trx, joinTable, draftId) : new Map<number, number>();
        if (existing) await trx(joinTable.name).where(joinTable.joinColumn.name, draftId).delete();
        const rows = await linkRows(trx, joinTable, draftId, targets(relations), previous);
        if (rows.length) await trx(joinTable.name).insert(rows);
        draftLinks.push({ joinTable, rows });
      }

      if (status === 'published') {
        // Publishing replaces the published row with a copy of the draft (its links cascade with it).
        await trx(table).where(column('documentId'), documentId).whereNotNull(column('publishedAt')).delete();
        const { id: _draftRowId, ...copy } = draftRow;
        const publishedId = await insertRow(trx, table, { ...copy, [column('publishedAt')]: now });
        for (const { joinTable, rows } of draftLinks) {
          if (rows.length) await trx(joinTable.name).insert(rows.map((row) => ({ ...row, [joinTable.joinColumn.name]: publishedId })));
        }
      }
      return { documentId, draftId };
    },
  };
};
