import type { Core } from '@strapi/strapi';

/** Rows of the four content types (draft and published rows alike): what an import may have written. */
export async function rowCounts(strapi: Core.Strapi) {
  const db = strapi.db;
  return {
    articles: await db.query('api::article.article').count(),
    tags: await db.query('api::tag.tag').count(),
    authors: await db.query('api::author.author').count(),
    sources: await db.query('api::source.source').count(),
  };
}
