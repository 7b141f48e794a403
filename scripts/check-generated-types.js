#!/usr/bin/env node
'use strict';
// Fails when types/generated/ is not what Strapi generates from the current schemas.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const outDir = path.join('.tmp', 'typegen-check');
fs.rmSync(path.join(root, outDir), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [root] })), 'bin', 'strapi.js'),
    'ts:generate-types',
    '--silent',
    '--out-dir',
    outDir,
  ],
  {
    cwd: root,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, SEED_EXAMPLES: 'false' },
  },
);
const stale = ['components.d.ts', 'contentTypes.d.ts'].filter((file) => {
  const expected = fs.readFileSync(path.join(root, outDir, 'generated', file), 'utf8');
  const committed = fs.readFileSync(path.join(root, 'types', 'generated', file), 'utf8');
  return expected !== committed;
});
if (stale.length) {
  process.stderr.write(`types/generated is stale (${stale.join(', ')}): run npx strapi ts:generate-types\n`);
  process.exit(1);
}
process.stderr.write('types/generated is current\n');
