/**
 * The benchmark's baseline: a stock Strapi 5.54 app with this project's four content types and nothing else —
 * no content-normalizer plugin, no document middlewares, no public cache, no draft guard, no extra indexes.
 * It is written (as plain JavaScript, so it needs no build) into a folder of its own, with the project's
 * node_modules linked in, and booted by scripts/bench/server.ts like the project's app.
 *
 * The database settings are the project's (SQLite in WAL mode with synchronous=NORMAL, the same pool), so that
 * the comparison is between the two write and read paths, not between journal modes.
 */
import fs from 'fs';
import path from 'path';

const APP_DIR = path.resolve(__dirname, '..', '..');
const TYPES = ['article', 'author', 'tag', 'source'] as const;

const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
};

const DATABASE = `const path = require('path');
module.exports = ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const connections = {
    postgres: {
      connection: {
        host: env('DATABASE_HOST', 'localhost'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'strapi'),
        user: env('DATABASE_USERNAME', 'strapi'),
        password: env('DATABASE_PASSWORD', ''),
        schema: env('DATABASE_SCHEMA', 'public'),
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
    },
    sqlite: {
      connection: { filename: path.resolve(${JSON.stringify(APP_DIR)}, env('DATABASE_FILENAME', '.tmp/stock.db')) },
      useNullAsDefault: true,
      pool: {
        afterCreate: (connection, done) => {
          connection.pragma('journal_mode = WAL');
          connection.pragma('synchronous = NORMAL');
          done(null, connection);
        },
      },
    },
  };
  return { connection: { client, ...connections[client], acquireConnectionTimeout: 60000 } };
};
`;

const SERVER = `module.exports = ({ env }) => ({ host: '127.0.0.1', port: 0, app: { keys: env.array('APP_KEYS') } });
`;

const ADMIN = `module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
});
`;

// Strapi's template: the same REST defaults as the project (config/api.ts).
const API = `module.exports = { rest: { defaultLimit: 25, maxLimit: 100, withCount: true, strictParams: true }, documents: { strictParams: true } };
`;

const MIDDLEWARES = `module.exports = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  { name: 'strapi::body', config: { jsonLimit: '16mb' } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
`;

// What an administrator would click in Settings → Roles → Public: read access to the four types.
const INDEX = `module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const name of ${JSON.stringify(TYPES)}) {
      for (const action of ['find', 'findOne']) {
        const uid = 'api::' + name + '.' + name + '.' + action;
        const exists = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action: uid, role: role.id } });
        if (!exists) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action: uid, role: role.id } });
      }
    }
  },
};
`;

/** Writes the stock app into `dir` (replacing what was there) and returns `dir`. */
export function writeStockApp(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(APP_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const keep = ['@strapi/strapi', '@strapi/plugin-users-permissions', 'better-sqlite3', 'pg'];
  write(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'stock-strapi-baseline',
        private: true,
        version: '0.0.0',
        dependencies: Object.fromEntries(keep.map((name) => [name, pkg.dependencies[name]])),
      },
      null,
      2,
    ),
  );
  fs.symlinkSync(path.join(APP_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  write(path.join(dir, 'config', 'database.js'), DATABASE);
  write(path.join(dir, 'config', 'server.js'), SERVER);
  write(path.join(dir, 'config', 'admin.js'), ADMIN);
  write(path.join(dir, 'config', 'api.js'), API);
  write(path.join(dir, 'config', 'middlewares.js'), MIDDLEWARES);
  write(path.join(dir, 'config', 'plugins.js'), 'module.exports = {};\n');
  write(path.join(dir, 'src', 'index.js'), INDEX);
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  for (const name of TYPES) {
    const schemaFile = path.join(APP_DIR, 'src', 'api', name, 'content-types', name, 'schema.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as { attributes: Record<string, Record<string, unknown>> };
    // `searchable` is this project's own hint (keep rawText out of _q); stock Strapi searches every text column.
    for (const attribute of Object.values(schema.attributes)) delete attribute.searchable;
    write(path.join(dir, 'src', 'api', name, 'content-types', name, 'schema.json'), JSON.stringify(schema, null, 2));
    const uid = `api::${name}.${name}`;
    write(
      path.join(dir, 'src', 'api', name, 'routes', `${name}.js`),
      `module.exports = require('@strapi/strapi').factories.createCoreRouter('${uid}');\n`,
    );
    write(
      path.join(dir, 'src', 'api', name, 'controllers', `${name}.js`),
      `module.exports = require('@strapi/strapi').factories.createCoreController('${uid}');\n`,
    );
    write(
      path.join(dir, 'src', 'api', name, 'services', `${name}.js`),
      `module.exports = require('@strapi/strapi').factories.createCoreService('${uid}');\n`,
    );
  }
  return dir;
}
