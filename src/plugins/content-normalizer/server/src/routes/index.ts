import admin from './admin';
import { importRequest, importResponse, previewRequest, previewResponse } from './schemas';

export default {
  'content-api': () => ({
    type: 'content-api',
    routes: [
      {
        // Mounted beside the article routes rather than under /api/content-normalizer: importers think
        // in articles. Its own action (plugin::content-normalizer.importer.import) gates it.
        method: 'POST',
        path: '/articles/import',
        handler: 'importer.import',
        config: { prefix: '', policies: [] },
        request: { body: { 'application/json': importRequest } },
        response: importResponse,
      },
      {
        method: 'POST',
        path: '/preview',
        handler: 'preview.preview',
        config: { policies: [] },
        request: { body: { 'application/json': previewRequest } },
        response: previewResponse,
      },
    ],
  }),
  admin,
};
