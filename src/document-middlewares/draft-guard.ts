import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Readers without an API token (the public, and users-permissions users) see published documents only, at
 * every depth, whatever they send.
 *
 * Strapi applies a request's `status` to the root and to every populated relation, and lets any reader send
 * `status=draft`; so the guard forces `published` on every read the content API makes for such a reader.
 * That alone is not enough: a filter through a relation (`/api/tags?filters[articles][title][$startsWith]=…`)
 * joins every row of the related table, drafts included, and so tells whether a draft with that title
 * exists; sorting through a relation orders by draft rows too. Filters through a relation to a draft & publish
 * type are narrowed to published rows (inside the relation, so `$not` keeps its meaning), in the root's
 * filters and in every populate's; sorting through such a relation is refused.
 *
 * It is a Document Service middleware, not a route middleware, so that every content-API route that reads
 * documents is covered, including custom ones, without each having to remember it.
 */

type Model = { attributes: Record<string, { type: string; target?: string }>; options?: { draftAndPublish?: boolean } };
type GetModel = (uid: string) => Model | undefined;
type Params = { status?: unknown; filters?: unknown; populate?: unknown; sort?: unknown };

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);
const PUBLISHED_ONLY = { publishedAt: { $notNull: true } };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

function relationTarget(model: Model | undefined, key: string, getModel: GetModel): Model | undefined {
  const attribute = model?.attributes[key];
  return attribute?.type === 'relation' && attribute.target ? getModel(attribute.target) : undefined;
}

const hasDraftAndPublish = (model: Model | undefined) => model?.options?.draftAndPublish === true;

/** The filters with every relation to a draft & publish type narrowed to its published rows. */
export function publishedOnlyFilters(filters: unknown, model: Model | undefined, getModel: GetModel): unknown {
  if (Array.isArray(filters)) return filters.map((entry) => publishedOnlyFilters(entry, model, getModel));
  if (!isPlainObject(filters)) return filters;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (key === '$and' || key === '$or' || key === '$not') {
      out[key] = publishedOnlyFilters(value, model, getModel);
      continue;
    }
    if (key.startsWith('$')) {
      out[key] = value;
      continue;
    }
    const target = relationTarget(model, key, getModel);
    if (!target) {
      out[key] = value;
      continue;
    }
    const inner = publishedOnlyFilters(isPlainObject(value) ? value : { id: value }, target, getModel);
    out[key] = hasDraftAndPublish(target) ? { $and: [inner, PUBLISHED_ONLY] } : inner;
  }
  return out;
}

/** Sort paths as Strapi accepts them: `a.b:asc,c`, arrays of those, `{ a: { b: 'asc' } }`, or arrays of objects. */
function sortPaths(sort: unknown, prefix: string[] = []): string[][] {
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((part) => [...prefix, ...part.split(':')[0].trim().split('.')])
      .filter((path) => path.length > 0);
  }
  if (Array.isArray(sort)) return sort.flatMap((entry) => sortPaths(entry, prefix));
  if (isPlainObject(sort)) {
    return Object.entries(sort).flatMap(([key, value]) => (isPlainObject(value) ? sortPaths(value, [...prefix, key]) : [[...prefix, key]]));
  }
  return [];
}

function refuseSortThroughDrafts(sort: unknown, model: Model | undefined, getModel: GetModel): void {
  for (const path of sortPaths(sort)) {
    let current = model;
    for (const key of path.slice(0, -1)) {
      current = relationTarget(current, key, getModel);
      if (!current) break;
      if (hasDraftAndPublish(current)) {
        throw new errors.ValidationError(`sort: sorting by a related ${key} field is not available`, {
          field: 'sort',
          path: path.join('.'),
        });
      }
    }
  }
}

/** Applies the filter narrowing and the sort check to every populate level that carries filters or a sort. */
export function publishedOnlyPopulate(populate: unknown, model: Model | undefined, getModel: GetModel): unknown {
  if (!isPlainObject(populate)) return populate;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(populate)) {
    const target = relationTarget(model, key, getModel);
    if (!isPlainObject(value)) {
      out[key] = value;
      continue;
    }
    // Dynamic zones and morph relations populate per component (`on`); they hold no article relation here.
    const next: Record<string, unknown> = { ...value };
    if (target) {
      if (next.filters !== undefined) next.filters = publishedOnlyFilters(next.filters, target, getModel);
      if (next.sort !== undefined) refuseSortThroughDrafts(next.sort, target, getModel);
      if (next.populate !== undefined) next.populate = publishedOnlyPopulate(next.populate, target, getModel);
    }
    out[key] = next;
  }
  return out;
}

/** Strapi 5.54 names its API-token strategy `content-api-token` (earlier 5.x: `api-token`). */
const TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/** Who is reading through the content API: a reader without a token, a token, or nobody (not a content-API request). */
function contentApiReader(strapi: Core.Strapi): 'public' | 'token' | null {
  const ctx = strapi.requestContext.get() as
    | { state?: { route?: { info?: { type?: string } }; auth?: { strategy?: { name?: string } } } }
    | undefined;
  if (ctx?.state?.route?.info?.type !== 'content-api') return null;
  return TOKEN_STRATEGIES.has(ctx.state.auth?.strategy?.name ?? '') ? 'token' : 'public';
}

/**
 * `$and` and `$or` must hold lists: Strapi answers 500 to `filters[$or][title]=x` (an object), so it is
 * refused here with a 400 naming the parameter, for every content-API reader.
 */
function refuseMalformedLogic(filters: unknown): void {
  if (Array.isArray(filters)) {
    filters.forEach(refuseMalformedLogic);
    return;
  }
  if (!isPlainObject(filters)) return;
  for (const [key, value] of Object.entries(filters)) {
    if ((key === '$and' || key === '$or') && !Array.isArray(value)) {
      throw new errors.ValidationError(`filters: ${key} must be a list, e.g. filters[${key}][0][field]=value`, { field: 'filters' });
    }
    refuseMalformedLogic(value);
  }
}

function refuseMalformedPopulateLogic(populate: unknown): void {
  if (!isPlainObject(populate)) return;
  for (const value of Object.values(populate)) {
    if (!isPlainObject(value)) continue;
    refuseMalformedLogic(value.filters);
    refuseMalformedPopulateLogic(value.populate);
  }
}

export function draftGuardMiddleware(strapi: Core.Strapi) {
  const getModel: GetModel = (uid) => strapi.getModel(uid as never) as unknown as Model | undefined;
  return async (context: { uid: string; action: string; params?: Params }, next: () => Promise<unknown>) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    const reader = contentApiReader(strapi);
    if (reader === null) return next();
    refuseMalformedLogic(context.params?.filters);
    refuseMalformedPopulateLogic(context.params?.populate);
    if (reader === 'token') return next();
    const model = getModel(context.uid);
    const params: Params = { ...context.params, status: 'published' };
    if (params.filters !== undefined) params.filters = publishedOnlyFilters(params.filters, model, getModel);
    if (params.sort !== undefined) refuseSortThroughDrafts(params.sort, model, getModel);
    if (params.populate !== undefined) params.populate = publishedOnlyPopulate(params.populate, model, getModel);
    context.params = params;
    return next();
  };
}
