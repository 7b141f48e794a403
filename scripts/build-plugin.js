#!/usr/bin/env node
'use strict';
// Strapi loads a local TypeScript plugin only from its built dist/. This builds it when its sources are
// newer than the build, so `npm run develop`, `build`, `start` and `test` never run a stale plugin.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const pluginDir = path.resolve(__dirname, '..', 'src', 'plugins', 'content-normalizer');
const outputs = ['dist/server/index.js', 'dist/admin/index.js', 'dist/clean-worker/index.js'].map((file) => path.join(pluginDir, file));

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function isUpToDate() {
  if (!outputs.every((file) => fs.existsSync(file))) return false;
  const builtAt = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  const sources = ['server', 'admin', 'package.json'].map((name) => path.join(pluginDir, name));
  return sources.every(
    (src) => !fs.existsSync(src) || (fs.statSync(src).isDirectory() ? newestSourceTime(src) : fs.statSync(src).mtimeMs) <= builtAt,
  );
}

/**
 * The cleaning worker, bundled whole. The SDK's build leaves its dependencies as require() calls, and some are
 * ES modules only (the Markdown parser): Node 20 loads those through require(esm), which in worker threads
 * sometimes aborts the whole process (`v8::Module::IsGraphAsync must be used on an instantiated module`).
 * Bundled for Node, the worker requires nothing but Node's own modules (and linkedom's optional canvas).
 */
function bundleCleanWorker() {
  const esbuild = require('esbuild');
  esbuild.buildSync({
    entryPoints: [path.join(pluginDir, 'server', 'src', 'workers', 'clean-worker.ts')],
    outfile: path.join(pluginDir, 'dist', 'clean-worker', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['canvas'],
    logLevel: 'warning',
  });
}

if (process.argv.includes('--force') || !isUpToDate()) {
  const sdkDir = path.dirname(require.resolve('@strapi/sdk-plugin/package.json', { paths: [path.resolve(__dirname, '..')] }));
  // Build output goes to stderr so that scripts printing a result on stdout (the token command) stay clean.
  const result = spawnSync(process.execPath, [path.join(sdkDir, 'bin', 'strapi-plugin.js'), 'build'], {
    cwd: pluginDir,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  bundleCleanWorker();
} else {
  process.stderr.write('content-normalizer plugin is up to date\n');
}
