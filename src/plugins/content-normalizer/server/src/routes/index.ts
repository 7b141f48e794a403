import admin from './admin';

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
      },
      {
        method: 'POST',
        path: '/preview',
        handler: 'preview.preview',
        config: { policies: [] },
      },
    ],
  }),
  admin,
};
