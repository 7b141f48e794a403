#!/usr/bin/env node
'use strict';
// npm run --silent token -- --name NAME [--type custom|full-access|read-only] [--description TEXT]
// Creates a content-API token in the configured database (server running or not) and prints its access
// key alone on stdout. Everything else, Strapi's own logging included, goes to stderr.
const path = require('path');
const { parseArgs } = require('util');

const IMPORTER_PERMISSIONS = [
  'plugin::content-normalizer.importer.import',
  'plugin::content-normalizer.preview.preview',
  ...['article', 'author', 'tag', 'source'].flatMap((name) => [`api::${name}.${name}.find`, `api::${name}.${name}.findOne`]),
];
const TYPES = ['custom', 'full-access', 'read-only'];

function usage(message) {
  process.stderr.write(`${message}\nUsage: npm run --silent token -- --name NAME [--type ${TYPES.join('|')}] [--description TEXT]\n`);
  process.exit(2);
}

async function main() {
  let options;
  try {
    ({ values: options } = parseArgs({
      options: { name: { type: 'string' }, type: { type: 'string', default: 'custom' }, description: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    usage(error.message);
  }
  if (!options.name || !options.name.trim()) usage('--name is required');
  if (!TYPES.includes(options.type)) usage(`--type must be one of ${TYPES.join(', ')}`);

  const appDir = path.resolve(__dirname, '..');
  process.chdir(appDir);
  require('./ensure-env').ensureEnv(appDir);
  require('child_process').execFileSync(process.execPath, [path.join(__dirname, 'build-plugin.js')], { stdio: ['ignore', 2, 2] });

  // Strapi logs to stdout; keep stdout for the key alone.
  const writeStdout = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  process.env.SEED_EXAMPLES = process.env.SEED_EXAMPLES ?? 'false';

  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir });
  const app = await createStrapi(context).load();
  let accessKey;
  try {
    const tokens = app.service('admin::api-token-content-api') ?? app.service('admin::api-token');
    if (await tokens.exists({ name: options.name })) {
      throw new Error(`A token named "${options.name}" already exists; choose another name or delete it in Settings > API Tokens.`);
    }
    const token = await tokens.create({
      name: options.name,
      description: options.description ?? (options.type === 'custom' ? 'Importer: import and preview articles, read content' : ''),
      type: options.type,
      lifespan: null,
      permissions: options.type === 'custom' ? IMPORTER_PERMISSIONS : undefined,
    });
    accessKey = token.accessKey;
  } finally {
    await app.destroy();
  }
  process.stdout.write = writeStdout;
  process.stdout.write(`${accessKey}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`token: ${error.message}\n`);
    process.exit(1);
  },
);
