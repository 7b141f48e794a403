import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { CleanInput, CleanOptions, CleanResult } from '../core/types';
import type { CleanTask, CleanTaskResult } from '../workers/tasks';
import type { ContentNormalizerConfig } from '../config';
import { cleanName, slugOfName } from '../utils/slug';
import type { TaxonomyTerm } from './taxonomy';

/** What the document says about itself beyond its text; given values win over parsed ones. */
export interface GivenFields {
  title?: string;
  authors?: string[];
  tags?: string[];
  source?: { name: string; url?: string };
  url?: string;
  publishedDate?: string;
  excerpt?: string;
}

export interface RawDocument {
  text?: string;
  html?: string;
}

export interface PreparedArticle {
  /** Scalar fields ready for the Document Service. */
  fields: Record<string, unknown>;
  tags: TaxonomyTerm[];
  authors: TaxonomyTerm[];
  source: TaxonomyTerm | null;
  result: CleanResult;
  contentHash: string;
  /** The slug of the source whose memory cleaned the document (null: no source), and the lines to count for it. */
  sourceSlug: string | null;
  /** The clean body as plain text, rendered on the worker when `prepare` was asked for it (`bodyText`). */
  bodyText?: string;
}

type RelationInput = unknown;

function relationKey(entry: unknown): string {
  if (entry && typeof entry === 'object') {
    const ref = entry as { documentId?: unknown; id?: unknown };
    return ref.documentId !== undefined ? `d:${String(ref.documentId)}` : `i:${String(ref.id)}`;
  }
  return typeof entry === 'string' ? `d:${entry}` : `i:${String(entry)}`;
}

function dedupe(entries: unknown[]): unknown[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = relationKey(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Adds documents to a relation input without dropping what the caller sent, in whichever of the
 * Document Service's shapes it came: a list (replaces the relation), `{ set }`, `{ connect }`, or nothing.
 * Duplicates are removed, so picking the same tag twice links it once.
 */
export function addToRelation(input: RelationInput, documentIds: string[]): RelationInput {
  const additions = documentIds.map((documentId) => ({ documentId }));
  if (input === undefined || input === null) {
    return additions.length ? { connect: additions } : input;
  }
  if (Array.isArray(input)) return dedupe([...input, ...additions]);
  if (typeof input === 'object') {
    const ops = { ...(input as Record<string, unknown>) };
    if (Array.isArray(ops.set)) {
      ops.set = dedupe([...(ops.set as unknown[]), ...additions]);
    } else {
      ops.connect = dedupe([...((ops.connect as unknown[]) ?? []), ...additions]);
    }
    return ops;
  }
  return input;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
  const cleaner = () => strapi.plugin('content-normalizer').service('cleaner');
  const taxonomy = () => strapi.plugin('content-normalizer').service('taxonomy');

  return {
    /**
     * A slug for a new article from its title, free among other documents: `title`, `title-2`, …
     * The database's unique index on draft slugs catches a race; the caller retries.
     */
    async uniqueSlug(title: string, exceptDocumentId?: string): Promise<string> {
      const fieldsOf = config().article;
      const base =
        slugOfName(title || 'article', 'article')
          .slice(0, 80)
          .replace(/-+$/, '') || 'article';
      const query = strapi.db.query(fieldsOf.uid as never);
      // The common case, a new title, costs one indexed lookup; only a clash scans the prefix.
      const exact = (await query.findOne({ where: { slug: base, publishedAt: null }, select: ['documentId'] })) as {
        documentId: string;
      } | null;
      if (!exact || exact.documentId === exceptDocumentId) return base;
      const taken = (await query.findMany({
        where: { slug: { $startsWith: base }, publishedAt: null },
        select: ['slug', 'documentId'],
      })) as Array<{ slug: string; documentId: string }>;
      const used = new Set(taken.filter((row) => row.documentId !== exceptDocumentId).map((row) => row.slug));
      if (!used.has(base)) return base;
      for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
    },

    /**
     * Cleans one document on a worker and lays out everything an article write needs. `field` names the input
     * an error (a document over its time budget) is blamed on; `kept` are the lines an editor chose to keep.
     */
    async prepare(
      raw: RawDocument,
      given: GivenFields,
      options: CleanOptions,
      {
        field = raw.html !== undefined ? 'html' : 'text',
        kept,
        sourceSlug,
        bodyText = false,
      }: { field?: string; kept?: string[]; sourceSlug?: string | null; bodyText?: boolean } = {},
    ): Promise<PreparedArticle> {
      const fieldsOf = config().article;
      const known = {
        title: given.title,
        authors: given.authors,
        tags: given.tags,
        publishedDate: given.publishedDate,
        source: given.source?.name,
      };
      const input: CleanInput = raw.html !== undefined ? { html: raw.html, url: given.url, ...known } : { text: raw.text ?? '', ...known };
      // The source's memory (rule source-boilerplate): the given source, else the one the caller knows the article has.
      const memorySlug = given.source ? slugOfName(cleanName(given.source.name), 'source') : (sourceSlug ?? null);
      const sourceMemory = memorySlug ? await strapi.plugin('content-normalizer').service('sourceMemory').memoryFor(memorySlug) : undefined;
      const task: CleanTask = { kind: 'clean', input, options: { ...options, source: input.source ?? options.source, sourceMemory } };
      // Kept lines are placed by their line in the original; an HTML original's lines are not the body's.
      if (kept?.length) task.kept = { lines: kept, raw: raw.html !== undefined ? '' : (raw.text ?? '') };
      if (given.excerpt !== undefined) task.excerpt = given.excerpt;
      if (bodyText) task.bodyText = true;
      const { result, excerpt, unlearned, bodyText: text } = (await cleaner().run(task, field)) as CleanTaskResult;

      const authors = result.authors
        .map((name) => cleanName(name))
        .filter(Boolean)
        .map((name) => ({ name, slug: slugOfName(name, 'author') }));
      const source = given.source
        ? {
            name: cleanName(given.source.name),
            slug: slugOfName(cleanName(given.source.name), 'source'),
            extra: given.source.url ? { url: given.source.url } : undefined,
          }
        : null;

      const fields: Record<string, unknown> = {
        [fieldsOf.titleField]: result.title,
        [fieldsOf.bodyField]: result.body,
        [fieldsOf.excerptField]: excerpt,
        [fieldsOf.publishedDateField]: result.publishedDate,
        [fieldsOf.readingTimeField]: result.readingTimeMinutes,
        [fieldsOf.wordCountField]: result.wordCount,
        [fieldsOf.languageField]: result.language,
        [fieldsOf.rawField]: raw.html ?? raw.text ?? '',
        [fieldsOf.reportField]: {
          removed: result.removed,
          problems: result.problems,
          cleanedAt: new Date().toISOString(),
          // Only an import stores this report as it is; saves and re-cleans write their own, with their own `via`.
          via: 'import',
        },
      };
      if (given.url !== undefined) fields[fieldsOf.urlField] = given.url;

      // What makes two imports "the same article": the cleaned content and what the importer said about
      // it, not the raw bytes, so a feed that only changes its junk does not rewrite the article. Taken
      // without the source's memory: what the source learned since does not make the same document new.
      const hashed = unlearned ?? { result, excerpt };
      const contentHash = createHash('sha256')
        .update(
          JSON.stringify([
            hashed.result.title,
            hashed.result.body,
            hashed.result.authors
              .map((name) => cleanName(name))
              .filter(Boolean)
              .map((name) => slugOfName(name, 'author')),
            hashed.result.tags.map((t) => t.slug),
            hashed.result.publishedDate,
            source?.slug ?? null,
            source?.extra?.url ?? null,
            given.url ?? null,
            hashed.excerpt,
          ]),
        )
        .digest('hex');
      fields[fieldsOf.hashField] = contentHash;

      return { fields, tags: result.tags, authors, source, result, contentHash, sourceSlug: memorySlug, bodyText: text };
    },

    /**
     * Finds or creates the tags, authors and source, and links them into `data`. An editor's save adds
     * to what the article has (`connect`); an import states what the article is (`set`), so a re-import
     * that drops a tag drops it from the article too.
     */
    async linkRelations(
      data: Record<string, unknown>,
      prepared: Pick<PreparedArticle, 'tags' | 'authors' | 'source'>,
      mode: 'add' | 'replace' = 'add',
    ) {
      const fieldsOf = config().article;
      // One after the other: inside a transaction they share one connection, which runs one statement at a time.
      const tags = await taxonomy().findOrCreate('tag', prepared.tags);
      const authors = await taxonomy().findOrCreate('author', prepared.authors);
      const sources = await taxonomy().findOrCreate('source', prepared.source ? [prepared.source] : []);
      const link = (relation: string, rows: Array<{ documentId: string }>) => {
        const ids = rows.map((row) => row.documentId);
        if (mode === 'replace') data[relation] = { set: ids.map((documentId) => ({ documentId })) };
        else if (ids.length) data[relation] = addToRelation(data[relation], ids);
      };
      link(fieldsOf.tagsRelation, tags);
      link(fieldsOf.authorsRelation, authors);
      if (mode === 'replace') link(fieldsOf.sourceRelation, sources.slice(0, 1));
      else if (sources.length && data[fieldsOf.sourceRelation] === undefined) {
        data[fieldsOf.sourceRelation] = { connect: [{ documentId: sources[0].documentId }] };
      }
      return data;
    },
  };
};
