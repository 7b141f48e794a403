import type { Core } from '@strapi/strapi';
import { normalizeTag } from '../core/tags';
import type { ContentNormalizerConfig } from '../config';
import { cleanName, slugOfName } from '../utils/slug';
import { fieldError, isUniqueViolation } from '../utils/errors';
import type { TaxonomyKind } from '../services/taxonomy';

type DocumentContext = {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string };
};

const LABEL: Record<TaxonomyKind, string> = { tag: 'Tag', author: 'Author', source: 'Source' };

function normalizeTerm(kind: TaxonomyKind, rawName: unknown): { name: string; slug: string } {
  if (typeof rawName !== 'string') throw fieldError('name', 'must be a string');
  if (kind === 'tag') {
    const tag = normalizeTag(rawName);
    if (!tag)
      throw fieldError('name', `"${rawName.slice(0, 80)}" is not a usable tag: empty, longer than 64 characters, or without a letter`);
    return tag;
  }
  const name = cleanName(rawName);
  if (!name) throw fieldError('name', 'must not be empty');
  return { name, slug: slugOfName(name, kind) };
}

/**
 * Tags, authors and sources written directly (REST, Content Manager) get the same name and slug as the
 * ones the importer creates. Creating one whose slug exists returns the existing one instead of a
 * duplicate; renaming one onto another's slug is refused with a 400 naming the other.
 */
export function taxonomyMiddleware(strapi: Core.Strapi) {
  return async (context: DocumentContext, next: () => Promise<unknown>) => {
    const cfg = strapi.config.get('plugin::content-normalizer') as ContentNormalizerConfig;
    const kind = (Object.keys(cfg.taxonomy) as TaxonomyKind[]).find((key) => cfg.taxonomy[key] === context.uid);
    if (!kind || !['create', 'update'].includes(context.action)) return next();

    const data = context.params.data;
    if (!data) return next();
    if (context.action === 'update' && data.name === undefined) {
      // The slug follows the name and nothing else.
      delete data.slug;
      return next();
    }

    const term = normalizeTerm(kind, data.name);
    data.name = term.name;
    data.slug = term.slug;

    const findExisting = () =>
      strapi.db
        .query(context.uid as never)
        .findOne({ where: { slug: term.slug }, select: ['id', 'documentId', 'name', 'slug'] }) as Promise<{
        documentId: string;
        name: string;
        slug: string;
      } | null>;
    const existingDocument = async (documentId: string) => strapi.documents(context.uid as never).findOne({ documentId } as never);

    const existing = await findExisting();
    if (context.action === 'create' && existing) return existingDocument(existing.documentId);
    if (context.action === 'update' && existing && existing.documentId !== context.params.documentId) {
      throw fieldError('name', `${LABEL[kind]} "${existing.name}" already has the slug "${existing.slug}"; merge into it instead`, {
        existing: { documentId: existing.documentId, name: existing.name, slug: existing.slug },
      });
    }

    try {
      return await next();
    } catch (error) {
      // Lost a race against a concurrent create of the same slug: answer with the winner.
      if (context.action === 'create' && isUniqueViolation(error)) {
        const winner = await findExisting();
        if (winner) return existingDocument(winner.documentId);
      }
      throw error;
    }
  };
}
