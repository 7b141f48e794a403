import type { Core } from '@strapi/strapi';
import { articleCleaningMiddleware } from './document-middlewares/article';
import { taxonomyMiddleware } from './document-middlewares/taxonomy';

/**
 * Document Service middlewares see every write by documentId (Content Manager, REST, scripts, the
 * importer) once per save, unlike DB lifecycles that fire per row with draft & publish.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(taxonomyMiddleware(strapi) as never);
  strapi.documents.use(articleCleaningMiddleware(strapi) as never);
};
