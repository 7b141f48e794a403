#!/usr/bin/env node
'use strict';
// npm run reindex
// Rebuilds the search index from the published articles of the configured database (server running or not):
// after a restore, a bulk change made outside Strapi, or to repair an index a failed write left behind.
const path = require('path');

async function main() {
  const appDir = path.resolve(__dirname, '..');
  process.chdir(appDir);
  require('./ensure-env').ensureEnv(appDir);
  require('child_process').execFileSync(process.execPath, [path.join(__dirname, 'build-plugin.js')], { stdio: ['ignore', 2, 2] });
  process.env.SEED_EXAMPLES = process.env.SEED_EXAMPLES ?? 'false';

  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir });
  const app = await createStrapi(context).load();
  try {
    const started = Date.now();
    const { searchIndexer } = require(path.join(context.distDir, 'src', 'search', 'service.js'));
    const count = await searchIndexer(app).reindexAll();
    process.stdout.write(`reindex: ${count} published article(s) indexed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await app.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`reindex: ${error.stack || error.message}\n`);
    process.exit(1);
  },
);
