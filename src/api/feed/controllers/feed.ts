import type { Core } from '@strapi/strapi';
import { buildFeed, readFeedParams, type FeedFormat } from '../../../feeds/feed';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

type Ctx = { query: Record<string, unknown>; origin: string; body: unknown; type: string };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const answer = (format: FeedFormat) => async (ctx: Ctx) => {
    const params = readFeedParams(ctx.query);
    const base = (strapi.config.get('server.url') as string | undefined) || ctx.origin;
    ctx.body = await buildFeed(strapi, format, params, base);
    ctx.type = CONTENT_TYPES[format];
  };
  return { rss: answer('rss'), atom: answer('atom'), json: answer('json') };
};
