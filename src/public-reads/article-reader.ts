import type { Core } from '@strapi/strapi';

/**
 * Public article reads without Strapi's per-request machinery: for the queries frontends make most — a page of
 * published articles, sorted, filtered by their own fields or by a tag's, author's or source's slug, with those
 * relations populated; or one article by documentId — the answer is read with a few plain statements (the page,
 * its count, one per populated relation) and written as Strapi would write it. Strapi spends tens of
 * milliseconds of CPU on such a page (query validation and building, populate, output sanitizing over every
 * field of every article), on the one thread that answers every reader; this spends a few.
 *
 * Only what is certainly equivalent is answered here: published rows only (the reader has no token), public
 * fields only, the operators and parameters below. Anything else (another operator, nested populate options,
 * `$or`, a field it does not know…) returns `null`, and Strapi answers as usual. tests/api/public-reads.test.ts
 * compares both answers over many queries.
 */

type Knex = Core.Strapi['db']['connection'];
type Row = Record<string, unknown>;
type Query = Record<string, unknown>;

interface AttributeMeta {
  type: string;
  columnName?: string;
  private?: boolean;
  target?: string;
  joinTable?: {
    name: string;
    joinColumn: { name: string };
    inverseJoinColumn: { name: string };
    orderColumnName?: string;
  };
}

interface ModelLayout {
  table: string;
  /** Public scalar attributes, in schema order, with their column and type. */
  scalars: Array<{ name: string; column: string; type: string }>;
  byName: Map<string, { column: string; type: string }>;
}

const RELATIONS = ['tags', 'authors', 'source'] as const;
type RelationName = (typeof RELATIONS)[number];
const ARTICLE = 'api::article.article';
const OPERATORS = new Set(['$eq', '$ne', '$in', '$notIn', '$lt', '$lte', '$gt', '$gte']);
/** Scalar types whose filter values compare as the strings or numbers a query string gives. */
const FILTERABLE = new Set(['string', 'uid', 'text', 'date', 'integer']);
const SORTABLE = new Set(['string', 'uid', 'text', 'date', 'datetime', 'integer']);

const isPlainObject = (value: unknown): value is Query => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

export interface ReaderSettings {
  defaultPageSize: number;
  maxPageSize: number;
  withCount: boolean;
  /**
   * A token that changes with every visible write (src/bootstrap/content-generation.ts): a list's total is
   * counted once per token and filter, not per page. Without it every page is counted.
   */
  generation?: () => Promise<string>;
}

/** Totals kept per filter; the oldest go first beyond this. */
const MAX_COUNTS = 1000;

export function createArticleReader(strapi: Core.Strapi, settings: ReaderSettings) {
  const layouts = new Map<string, ModelLayout>();
  const attributesOf = (uid: string) =>
    strapi.db.metadata.get(uid as never) as unknown as { tableName: string; attributes: Record<string, AttributeMeta> };
  const contentAttributes = (uid: string) =>
    strapi.contentType(uid as never).attributes as Record<string, { type: string; private?: boolean }>;

  function layout(uid: string): ModelLayout {
    const cached = layouts.get(uid);
    if (cached) return cached;
    const meta = attributesOf(uid);
    const scalars = Object.entries(contentAttributes(uid))
      .filter(
        ([, attribute]) =>
          !attribute.private && !['relation', 'component', 'dynamiczone', 'media', 'json', 'password'].includes(attribute.type),
      )
      .map(([name, attribute]) => ({ name, column: meta.attributes[name]?.columnName ?? name, type: attribute.type }));
    const built = { table: meta.tableName, scalars, byName: new Map(scalars.map((s) => [s.name, { column: s.column, type: s.type }])) };
    layouts.set(uid, built);
    return built;
  }

  function relation(name: RelationName) {
    const attribute = attributesOf(ARTICLE).attributes[name];
    if (!attribute?.joinTable || !attribute.target) throw new Error(`public reads: ${name} has no join table`);
    return { target: attribute.target, joinTable: attribute.joinTable, many: name !== 'source' };
  }

  /** A column value as Strapi's REST answer writes it. */
  function output(type: string, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (type === 'datetime')
      return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date)).toISOString();
    if (type === 'date') return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    if (type === 'integer') return Number(value);
    return value;
  }

  function entry(row: Row, fields: Array<{ name: string; column: string; type: string }>): Row {
    const out: Row = { id: Number(row.id), documentId: row.document_id };
    for (const field of fields) out[field.name] = output(field.type, row[field.column]);
    return out;
  }

  // ------------------------------------------------------------------ parameters

  function parseFields(value: unknown, model: ModelLayout) {
    if (value === undefined) return model.scalars;
    const names =
      typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : Object.values(isPlainObject(value) ? value : {});
    if (!names.every((name) => typeof name === 'string' && model.byName.has(name.trim()))) return null;
    const wanted = new Set((names as string[]).map((name) => name.trim()));
    return model.scalars.filter((field) => wanted.has(field.name) && field.name !== 'documentId');
  }

  function parsePopulate(value: unknown): RelationName[] | null {
    if (value === undefined) return [];
    if (value === '*') return [...RELATIONS];
    const names: unknown[] =
      typeof value === 'string'
        ? value.split(',')
        : Array.isArray(value)
          ? value
          : isPlainObject(value)
            ? Object.entries(value).map(([name, options]) => (options === true || options === 'true' ? name : null))
            : [null];
    if (!names.every((name) => typeof name === 'string' && (RELATIONS as readonly string[]).includes(name.trim()))) return null;
    const wanted = new Set((names as string[]).map((name) => name.trim()));
    // Strapi writes populated relations in schema order.
    const order = Object.keys(contentAttributes(ARTICLE));
    return [...wanted].sort((a, b) => order.indexOf(a) - order.indexOf(b)) as RelationName[];
  }

  function parseSort(value: unknown, model: ModelLayout): Array<{ column: string; dir: 'asc' | 'desc' }> | null {
    if (value === undefined) return [];
    const parts: string[] = [];
    const add = (item: unknown): boolean => {
      if (typeof item === 'string') {
        parts.push(...item.split(','));
        return true;
      }
      if (isPlainObject(item)) {
        for (const [name, dir] of Object.entries(item)) {
          if (typeof dir !== 'string') return false;
          parts.push(`${name}:${dir}`);
        }
        return true;
      }
      return false;
    };
    if (!(Array.isArray(value) ? value.every(add) : add(value))) return null;
    const sort: Array<{ column: string; dir: 'asc' | 'desc' }> = [];
    for (const part of parts) {
      const [name, dir = 'asc', ...rest] = part.trim().split(':');
      const field = name === 'id' ? { column: 'id', type: 'integer' } : model.byName.get(name);
      if (rest.length || !field || !SORTABLE.has(field.type) || !['asc', 'desc'].includes(dir.toLowerCase())) return null;
      sort.push({ column: field.column, dir: dir.toLowerCase() as 'asc' | 'desc' });
    }
    return sort;
  }

  function parsePagination(value: unknown): { page: number; pageSize: number } | { start: number; limit: number } | null {
    if (value === undefined) return { page: 1, pageSize: settings.defaultPageSize };
    if (!isPlainObject(value)) return null;
    const keys = Object.keys(value);
    const int = (raw: unknown) => (typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : typeof raw === 'number' ? raw : NaN);
    if (keys.every((key) => key === 'page' || key === 'pageSize')) {
      const page = value.page === undefined ? 1 : int(value.page);
      const pageSize = value.pageSize === undefined ? settings.defaultPageSize : int(value.pageSize);
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > settings.maxPageSize)
        return null;
      return { page, pageSize };
    }
    if (keys.every((key) => key === 'start' || key === 'limit')) {
      const start = value.start === undefined ? 0 : int(value.start);
      const limit = value.limit === undefined ? settings.defaultPageSize : int(value.limit);
      if (!Number.isInteger(start) || start < 0 || !Number.isInteger(limit) || limit < 1 || limit > settings.maxPageSize) return null;
      return { start, limit };
    }
    return null;
  }

  type Condition = (query: ReturnType<Knex>, qualify: (column: string) => string) => void;

  /** One attribute's conditions: a bare value, or operators from OPERATORS. */
  function scalarCondition(field: { column: string; type: string }, value: unknown): Condition | null {
    if (!FILTERABLE.has(field.type)) return null;
    const cast = (raw: unknown): unknown => {
      if (field.type === 'integer') {
        const number = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : typeof raw === 'number' ? raw : NaN;
        return Number.isInteger(number) ? number : undefined;
      }
      return typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
    };
    const operations = isPlainObject(value) ? Object.entries(value) : [['$eq', value] as [string, unknown]];
    const steps: Condition[] = [];
    for (const [operator, operand] of operations) {
      if (!OPERATORS.has(operator)) return null;
      if (operator === '$in' || operator === '$notIn') {
        const list = Array.isArray(operand) ? operand.map(cast) : [cast(operand)];
        if (list.some((item) => item === undefined) || list.length === 0) return null;
        steps.push((q, c) =>
          operator === '$in' ? q.whereIn(c(field.column), list as never[]) : q.whereNotIn(c(field.column), list as never[]),
        );
        continue;
      }
      const single = cast(operand);
      if (single === undefined) return null;
      const sql = { $eq: '=', $ne: '<>', $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' }[operator] as string;
      steps.push((q, c) => q.where(c(field.column), sql, single as never));
    }
    return (q, c) => steps.forEach((step) => step(q, c));
  }

  async function parseFilters(value: unknown, knex: Knex): Promise<Condition[] | null> {
    if (value === undefined) return [];
    if (!isPlainObject(value)) return null;
    const model = layout(ARTICLE);
    const conditions: Condition[] = [];
    for (const [name, condition] of Object.entries(value)) {
      const field = name === 'id' ? { column: 'id', type: 'integer' } : model.byName.get(name);
      if (field) {
        const built = scalarCondition(field, condition);
        if (!built) return null;
        conditions.push((q) => built(q, (column) => `a.${column}`));
        continue;
      }
      if (!(RELATIONS as readonly string[]).includes(name) || !isPlainObject(condition)) return null;
      const { target, joinTable } = relation(name as RelationName);
      const targetModel = layout(target);
      const inner: Condition[] = [];
      for (const [targetName, targetCondition] of Object.entries(condition)) {
        const targetField = targetName === 'id' ? { column: 'id', type: 'integer' } : targetModel.byName.get(targetName);
        const aliased = name === 'tags' && targetName === 'slug' ? await resolveTagAliases(targetCondition) : targetCondition;
        const built = targetField && aliased !== null ? scalarCondition(targetField, aliased) : null;
        if (!built) return null;
        inner.push(built);
      }
      conditions.push((q) =>
        q.whereExists(
          (knex as unknown as (table: string) => ReturnType<Knex>)(`${joinTable.name} as l`)
            .select(knex.raw('1'))
            .join(`${targetModel.table} as t`, 't.id', `l.${joinTable.inverseJoinColumn.name}`)
            .whereRaw('?? = ??', [`l.${joinTable.joinColumn.name}`, 'a.id'])
            .where((sub) => inner.forEach((step) => step(sub as never, (column) => `t.${column}`))),
        ),
      );
    }
    return conditions;
  }

  /**
   * A merged tag's old slug finds the tag it was merged into (the content-normalizer's aliases, as its Document
   * Service middleware does for Strapi's reads): only the `$eq`/`$in`/bare forms it handles; others fall back.
   */
  async function resolveTagAliases(condition: unknown): Promise<unknown> {
    const aliases = (await strapi.plugin('content-normalizer')?.service('tagMerge')?.getAliases?.()) as Record<string, string> | undefined;
    if (!aliases || Object.keys(aliases).length === 0) return condition;
    const mentioned = (isPlainObject(condition) ? Object.values(condition) : [condition])
      .flat()
      .some((v) => typeof v === 'string' && v in aliases);
    return mentioned ? null : condition;
  }

  // ------------------------------------------------------------------ reading

  async function populate(knex: Knex, rows: Row[], names: RelationName[]): Promise<Map<RelationName, Map<number, Row[]>>> {
    const ids = rows.map((row) => Number(row.id));
    const result = new Map<RelationName, Map<number, Row[]>>();
    for (const name of names) {
      const { target, joinTable } = relation(name);
      const targetModel = layout(target);
      const byOwner = new Map<number, Row[]>(ids.map((id) => [id, []]));
      if (ids.length > 0) {
        const query = (knex as unknown as (table: string) => ReturnType<Knex>)(`${joinTable.name} as l`)
          .select(`l.${joinTable.joinColumn.name} as __owner`, 't.id', 't.document_id', ...targetModel.scalars.map((s) => `t.${s.column}`))
          .join(`${targetModel.table} as t`, 't.id', `l.${joinTable.inverseJoinColumn.name}`)
          .whereIn(`l.${joinTable.joinColumn.name}`, ids)
          .whereNotNull('t.published_at');
        if (joinTable.orderColumnName) query.orderBy(`l.${joinTable.orderColumnName}`, 'asc');
        query.orderBy('l.id', 'asc');
        for (const row of (await query) as Row[]) byOwner.get(Number(row.__owner))?.push(entry(row, targetModel.scalars));
      }
      result.set(name, byOwner);
    }
    return result;
  }

  function shape(rows: Row[], fields: ModelLayout['scalars'], names: RelationName[], related: Map<RelationName, Map<number, Row[]>>) {
    return rows.map((row) => {
      const out = entry(row, fields);
      for (const name of names) {
        const list = related.get(name)?.get(Number(row.id)) ?? [];
        out[name] = relation(name).many ? list : (list[0] ?? null);
      }
      return out;
    });
  }

  const counts = new Map<string, { generation: string; total: number }>();

  /**
   * A list's total. Every page of a list has the same one, and counting 100,000 published rows costs tens of
   * milliseconds, so it is kept until the next visible write.
   */
  async function countOf(query: ReturnType<Knex>): Promise<number> {
    const count = async () => {
      const [counted] = (await query.clone().count({ total: '*' })) as Array<{ total: unknown }>;
      return Number(counted.total);
    };
    if (!settings.generation) return count();
    const generation = await settings.generation();
    const { sql, bindings } = query.toSQL();
    const key = `${sql}\u0000${JSON.stringify(bindings)}`;
    const known = counts.get(key);
    if (known && known.generation === generation) return known.total;
    const total = await count();
    counts.delete(key);
    counts.set(key, { generation, total });
    if (counts.size > MAX_COUNTS) counts.delete(counts.keys().next().value as string);
    return total;
  }

  return {
    /** GET /api/articles for a reader without a token, or null when Strapi must answer. */
    async findMany(query: Query): Promise<Row | null> {
      const allowed = new Set(['fields', 'populate', 'sort', 'pagination', 'filters', 'status']);
      if (!Object.keys(query).every((key) => allowed.has(key))) return null;
      const knex = strapi.db.connection;
      const model = layout(ARTICLE);
      const fields = parseFields(query.fields, model);
      const names = parsePopulate(query.populate);
      const sort = parseSort(query.sort, model);
      const pagination = parsePagination(query.pagination);
      const conditions = await parseFilters(query.filters, knex);
      if (!fields || !names || !sort || !pagination || !conditions) return null;

      const base = () => {
        const q = (knex as unknown as (table: string) => ReturnType<Knex>)(`${model.table} as a`).whereNotNull('a.published_at');
        conditions.forEach((condition) => condition(q, (column) => `a.${column}`));
        return q;
      };
      const offset = 'page' in pagination ? (pagination.page - 1) * pagination.pageSize : pagination.start;
      const limit = 'page' in pagination ? pagination.pageSize : pagination.limit;
      // The page's ids first, from the sort's index alone, then those rows: skipping 50,000 index entries is
      // cheap, skipping 50,000 whole rows is not (on PostgreSQL the planner then sorted the table instead).
      const ids = base().select('a.id');
      for (const { column, dir } of sort) ids.orderBy(`a.${column}`, dir);
      ids.orderBy('a.id', 'asc').limit(limit).offset(offset);
      const page = (knex as unknown as (table: string) => ReturnType<Knex>)(`${model.table} as a`)
        .select('a.id', 'a.document_id', ...fields.map((field) => `a.${field.column}`))
        .join(ids.as('p'), 'p.id', 'a.id');
      for (const { column, dir } of sort) page.orderBy(`a.${column}`, dir);
      page.orderBy('a.id', 'asc');
      const rows = (await page) as Row[];
      const data = shape(rows, fields, names, await populate(knex, rows, names));
      const total = settings.withCount ? await countOf(base()) : undefined;
      const meta =
        'page' in pagination
          ? { page: pagination.page, pageSize: pagination.pageSize, pageCount: Math.ceil((total ?? 0) / pagination.pageSize), total }
          : { start: pagination.start, limit: pagination.limit, total };
      return { data, meta: { pagination: meta } };
    },

    /** GET /api/articles/:documentId for a reader without a token; `undefined` data means 404; null: Strapi. */
    async findOne(documentId: string, query: Query): Promise<{ data: Row | null } | null> {
      const allowed = new Set(['fields', 'populate', 'status']);
      if (!Object.keys(query).every((key) => allowed.has(key))) return null;
      const knex = strapi.db.connection;
      const model = layout(ARTICLE);
      const fields = parseFields(query.fields, model);
      const names = parsePopulate(query.populate);
      if (!fields || !names) return null;
      const rows = (await (knex as unknown as (table: string) => ReturnType<Knex>)(`${model.table} as a`)
        .select('a.id', 'a.document_id', ...fields.map((field) => `a.${field.column}`))
        .where('a.document_id', documentId)
        .whereNotNull('a.published_at')
        .limit(1)) as Row[];
      if (rows.length === 0) return { data: null };
      return { data: shape(rows, fields, names, await populate(knex, rows, names))[0] };
    },
  };
}
