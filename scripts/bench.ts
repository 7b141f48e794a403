/**
 * npm run bench: the importer and the read API against plain Strapi, on a server of its own.
 * Prints one Markdown table (stdout); progress goes to stderr. Never part of npm test.
 *
 * Sizes (env): BENCH_RUNS (3), BENCH_CLEAN_DOCS (1000), BENCH_IMPORT_DOCS per method and run (400),
 * BENCH_CONCURRENCY (4), BENCH_READ_ARTICLES (10000), BENCH_READ_SECONDS (10), BENCH_READ_CONNECTIONS (32),
 * BENCH_MEMORY_DOCS (5000), BENCH_MEMORY_RUNS (2), BENCH_RESP_CONNECTIONS (8), BENCH_BUSY_DOCS (2000), BENCH_BUSY_SEED (1000),
 * BENCH_SCALE_ARTICLES (100000; section 6 runs only when BENCH_ONLY names it),
 * BENCH_CPU_PROF=1 (server writes .cpuprofile to .tmp/), BENCH_ONLY=2,5 (sections to run).
 * DATABASE_CLIENT=postgres runs on a fresh PostgreSQL database (127.0.0.1:5432, user postgres).
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { cleanDocument, installLinkedomSpeedups } from '../src/plugins/content-normalizer/server/src/core';
import { AUTHORS, makeArticle, SEARCH_WORDS, SOURCES, TAGS, type SyntheticArticle } from './bench/corpus';
import { getJson, median, pool, postJson, readLoad, type AutocannonResult } from './bench/load';
import type { ChildMessage, ParentMessage } from './bench/server';

const APP_DIR = path.resolve(__dirname, '..');
const int = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const RUNS = int('BENCH_RUNS', 3);
const CLEAN_DOCS = int('BENCH_CLEAN_DOCS', 1000);
const IMPORT_DOCS = int('BENCH_IMPORT_DOCS', 400);
const CONCURRENCY = int('BENCH_CONCURRENCY', 4);
const READ_ARTICLES = int('BENCH_READ_ARTICLES', 10_000);
const READ_SECONDS = int('BENCH_READ_SECONDS', 10);
const READ_CONNECTIONS = int('BENCH_READ_CONNECTIONS', 32);
const MEMORY_DOCS = int('BENCH_MEMORY_DOCS', 5000);
const RESP_CONNECTIONS = int('BENCH_RESP_CONNECTIONS', 8);
// Each memory run imports MEMORY_DOCS documents; at this server's pace two runs already take minutes.
const MEMORY_RUNS = int('BENCH_MEMORY_RUNS', 2);
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
/** Sections to run (BENCH_ONLY=2,5), all by default. */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean).map(Number));
const runs = (section: number) => ONLY.size === 0 || ONLY.has(section);
const POSTGRES = process.env.DATABASE_CLIENT === 'postgres';

const LIST_PATH = '/api/articles?populate[tags]=true&populate[authors]=true&populate[source]=true&pagination[pageSize]=25';
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const mb = (bytes: number) => bytes / 1024 / 1024;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

interface Row {
  section: string;
  measure: string;
  value: string;
  target?: string;
  ok?: boolean;
}
const rows: Row[] = [];
const row = (section: string, measure: string, value: string, target?: string, ok?: boolean) =>
  rows.push({ section, measure, value, target, ok });

// ---------------------------------------------------------------- the server child

interface Server {
  child: ChildProcess;
  baseUrl: string;
  importerKey: string;
  fullAccessKey: string;
  request: <T extends ChildMessage['type']>(message: ParentMessage, answer: T) => Promise<Extract<ChildMessage, { type: T }>>;
  /** See BenchDatabase.maintain. */
  maintain: () => Promise<void>;
  stop: () => Promise<void>;
}

interface BenchDatabase {
  env: Record<string, string>;
  /**
   * `VACUUM (ANALYZE)` on PostgreSQL: what autovacuum (on by default) does after a bulk insert — planner
   * statistics and the visibility map that index-only scans need. This machine's PostgreSQL runs with
   * autovacuum off, so without it section 6 measures a database no default installation would have. SQLite: no-op.
   */
  maintain: () => Promise<void>;
  drop: () => Promise<void>;
}

async function freshDatabase(): Promise<BenchDatabase> {
  const suffix = `${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  if (!POSTGRES) {
    const file = path.join('.tmp', `bench-${suffix}.db`);
    return {
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
      maintain: async () => undefined,
      drop: async () => {
        for (const extra of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(APP_DIR, file + extra), { force: true });
      },
    };
  }
  // pg ships no types here; this is the part of it the bench uses.
  type PgClient = { connect: () => Promise<void>; query: (sql: string) => Promise<unknown>; end: () => Promise<void> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as { Client: new (config: Record<string, unknown>) => PgClient };
  const connection = {
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || undefined,
    database: 'postgres',
  };
  const name = `newsroom_bench_${suffix}`;
  const admin = new Client(connection);
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_NAME: name, DATABASE_HOST: connection.host, DATABASE_USERNAME: connection.user },
    maintain: async () => {
      const client = new Client({ ...connection, database: name });
      await client.connect();
      await client.query('VACUUM (ANALYZE)');
      await client.end();
    },
    drop: async () => {
      const client = new Client(connection);
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function startServer(app: 'project' | 'stock' = 'project'): Promise<Server> {
  const database = await freshDatabase();
  const flags = ['--expose-gc', ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(APP_DIR, '.tmp', 'profiles')}`] : [])];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', path.join(__dirname, 'bench', 'server.ts')], {
    cwd: APP_DIR,
    env: { ...process.env, ...database.env, BENCH_APP: app },
    // Strapi's own output goes to our stderr so stdout carries the table alone.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout?.pipe(process.stderr);
  const waitFor = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as Extract<ChildMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server exited (${code}) before "${type}"`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await waitFor('ready');
  return {
    child,
    baseUrl: `http://127.0.0.1:${ready.port}`,
    importerKey: ready.importerKey,
    fullAccessKey: ready.fullAccessKey,
    request: (message, answer) => {
      const waiting = waitFor(answer);
      child.send(message);
      return waiting;
    },
    maintain: () => database.maintain(),
    stop: async () => {
      const stopped = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' } satisfies ParentMessage);
      await stopped;
      await database.drop();
    },
  };
}

// ---------------------------------------------------------------- 1. cleaning engine

function benchCleaning() {
  // As the server's cleaning workers do.
  installLinkedomSpeedups();
  const docs = Array.from({ length: CLEAN_DOCS }, (_, i) => makeArticle(i, 7));
  for (const kind of ['text', 'html'] as const) {
    const inputs = docs.map((doc) => (kind === 'text' ? { text: doc.raw } : { html: doc.html }));
    const bytes = docs.reduce((sum, doc) => sum + Buffer.byteLength(kind === 'text' ? doc.raw : doc.html), 0);
    for (const input of inputs.slice(0, 100)) cleanDocument(input); // warm the JIT
    const times: number[] = [];
    for (let run = 0; run < Math.max(RUNS, 5); run++) {
      const start = process.hrtime.bigint();
      for (const input of inputs) cleanDocument(input);
      times.push(seconds(start));
    }
    const t = median(times);
    row(
      '1. Cleaning engine',
      `${kind === 'text' ? 'plain text' : 'HTML'} (${docs.length} docs, ${(bytes / 1e6).toFixed(1)} MB)`,
      `${Math.round(docs.length / t)} docs/s, ${(bytes / 1e6 / t).toFixed(1)} MB/s`,
    );
    log(`cleaning ${kind}: ${Math.round(docs.length / t)} docs/s`);
  }
}

// ---------------------------------------------------------------- 2. import throughput

interface Taxonomy {
  tags: Map<string, string>;
  authors: Map<string, string>;
  sources: Map<string, string>;
}

/** Creates every tag, author and source once, so both paths connect existing ones. */
async function createTaxonomy(server: Server): Promise<Taxonomy> {
  const make = async (route: string, names: string[]) => {
    const ids = new Map<string, string>();
    for (const name of names) {
      const res = await postJson(`${server.baseUrl}/api/${route}`, server.fullAccessKey, { data: { name } });
      const documentId = (res.json as { data?: { documentId?: string } }).data?.documentId;
      if (!documentId) throw new Error(`creating ${route} "${name}": HTTP ${res.status} ${JSON.stringify(res.json)}`);
      ids.set(name, documentId);
    }
    return ids;
  };
  return { tags: await make('tags', TAGS), authors: await make('authors', AUTHORS), sources: await make('sources', SOURCES) };
}

const importItem = (doc: SyntheticArticle, externalId: string) => ({
  text: doc.raw,
  source: doc.clean.source,
  externalId,
  status: 'published',
});

async function importBatches(
  server: Server,
  docs: SyntheticArticle[],
  ids: string[],
  batch: number,
  concurrency: number,
  transaction: 'item' | 'batch' = 'item',
) {
  const requests = Math.ceil(docs.length / batch);
  await pool(requests, concurrency, async (r) => {
    const slice = docs.slice(r * batch, (r + 1) * batch).map((doc, k) => importItem(doc, ids[r * batch + k]));
    const body = transaction === 'batch' ? { data: slice, transaction } : { data: slice };
    const res = await postJson(`${server.baseUrl}/api/articles/import`, server.importerKey, body);
    const meta = (res.json as { meta?: { created?: number; failed?: number } }).meta;
    if (res.status !== 200 || meta?.failed) {
      const failed = ((res.json as { data?: Array<{ status?: string; error?: unknown }> }).data ?? []).filter(
        (item) => item.status === 'failed',
      );
      const shown = failed.length
        ? `${failed.length} failed, first: ${JSON.stringify(failed[0].error)}`
        : JSON.stringify(res.json).slice(0, 300);
      throw new Error(`import: HTTP ${res.status} ${shown}`);
    }
  });
}

/** A slug as a client of stock Strapi would send it (stock REST does not fill uid fields). */
const slugOf = (title: string, serialNumber: string) =>
  `${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${serialNumber}`;

async function stockCreate(server: Server, taxonomy: Taxonomy, docs: SyntheticArticle[], ids: string[]) {
  // Stock core controller, full-access token, the clean article with existing relations by documentId, a slug
  // and an externalId as an importer would send them. Strapi 5's content API publishes on create unless
  // ?status=draft, like the import items here.
  await pool(docs.length, CONCURRENCY, async (i) => {
    const { clean } = docs[i];
    const res = await postJson(`${server.baseUrl}/api/articles`, server.fullAccessKey, {
      data: {
        title: clean.title,
        slug: slugOf(clean.title, ids[i].replace(/\W+/g, '-')),
        body: clean.body,
        publishedDate: clean.publishedDate,
        externalId: ids[i],
        tags: clean.tags.map((name) => taxonomy.tags.get(name)),
        authors: clean.authors.map((name) => taxonomy.authors.get(name)),
        source: taxonomy.sources.get(clean.source),
      },
    });
    if (res.status !== 201) throw new Error(`POST /api/articles: HTTP ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
  });
}

let serial = 0;
const nextDocs = (count: number) => Array.from({ length: count }, () => makeArticle(serial++, 1));

async function benchImport(server: Server, stock: Server, stockTaxonomy: Taxonomy) {
  type Method = { name: string; server: Server; run: (docs: SyntheticArticle[]) => Promise<void> };
  const ids = (docs: SyntheticArticle[], tag: string) => docs.map((_, k) => `bench/${tag}/${serial}-${k}`);
  const methods: Method[] = [
    {
      name: 'stock Strapi POST /api/articles (same schemas, no plugin)',
      server: stock,
      run: (docs) => stockCreate(stock, stockTaxonomy, docs, ids(docs, 'stock')),
    },
    { name: 'import API, 1 item per request', server, run: (docs) => importBatches(server, docs, ids(docs, 'one'), 1, CONCURRENCY) },
    { name: 'import API, batches of 25', server, run: (docs) => importBatches(server, docs, ids(docs, 'b25'), 25, CONCURRENCY) },
    { name: 'import API, batches of 100', server, run: (docs) => importBatches(server, docs, ids(docs, 'b100'), 100, CONCURRENCY) },
    {
      name: 'import API, batches of 25, "transaction": "batch" (one transaction per batch)',
      server,
      run: (docs) => importBatches(server, docs, ids(docs, 't25'), 25, CONCURRENCY, 'batch'),
    },
  ];
  const queries = new Map<string, number[]>(methods.map((m) => [m.name, []]));
  // Warm-up: JIT, prepared statements, caches, for every path.
  for (const method of methods) await method.run(nextDocs(50));
  const rates = new Map<string, number[]>(methods.map((m) => [m.name, []]));
  for (let run = 0; run < RUNS; run++) {
    // Rotate the order each run so no path always gets the smaller (or larger) database.
    for (let k = 0; k < methods.length; k++) {
      const method = methods[(k + run) % methods.length];
      const docs = nextDocs(IMPORT_DOCS);
      const queriesBefore = (await method.server.request({ type: 'queries' }, 'queries')).count;
      const start = process.hrtime.bigint();
      await method.run(docs);
      const rate = docs.length / seconds(start);
      rates.get(method.name)?.push(rate);
      queries.get(method.name)?.push(((await method.server.request({ type: 'queries' }, 'queries')).count - queriesBefore) / docs.length);
      log(`import run ${run + 1}: ${method.name}: ${rate.toFixed(1)} articles/s`);
    }
  }
  const plain = median(rates.get(methods[0].name) ?? []);
  const perItem = (name: string) => median(queries.get(name) ?? []).toFixed(1);
  const section = `2. Import throughput (${IMPORT_DOCS} articles per run, ${CONCURRENCY} requests in flight)`;
  row(section, methods[0].name, `${plain.toFixed(1)} articles/s, ${perItem(methods[0].name)} queries per article`);
  const targets: Record<string, number | undefined> = { [methods[1].name]: 2.5, [methods[2].name]: 6, [methods[4].name]: 6 };
  for (const method of methods.slice(1)) {
    const rate = median(rates.get(method.name) ?? []);
    const ratio = rate / plain;
    const target = targets[method.name];
    row(
      section,
      method.name,
      `${rate.toFixed(1)} articles/s = ${ratio.toFixed(2)}× stock, ${perItem(method.name)} queries per article`,
      target ? `≥ ${target}× stock` : undefined,
      target ? ratio >= target : undefined,
    );
  }
}

// ---------------------------------------------------------------- 3. reads

async function publishedCount(server: Server): Promise<number> {
  const answer = (await getJson(`${server.baseUrl}/api/articles?pagination[pageSize]=1`)) as { meta: { pagination: { total: number } } };
  return answer.meta.pagination.total;
}

async function seedTo(server: Server, total: number) {
  const missing = total - (await publishedCount(server));
  if (missing <= 0) return;
  log(`seeding ${missing} articles through the import API (batches of 100)…`);
  const start = process.hrtime.bigint();
  const chunk = 1000; // generate in chunks so the corpus is never all in memory
  for (let done = 0; done < missing; done += chunk) {
    const docs = nextDocs(Math.min(chunk, missing - done));
    await importBatches(
      server,
      docs,
      docs.map((_, k) => `bench/seed/${serial}-${k}`),
      100,
      2,
    );
  }
  log(`seeded in ${seconds(start).toFixed(0)} s`);
}

async function slugPaths(server: Server): Promise<string[]> {
  const paths: string[] = [];
  for (let page = 1; page <= 4; page++) {
    const answer = (await getJson(
      `${server.baseUrl}/api/articles?fields[0]=slug&pagination[pageSize]=100&pagination[page]=${page}&sort=title`,
    )) as {
      data: { slug: string }[];
    };
    // Sorted by title so the slugs spread over the whole table, not the newest rows only.
    for (const article of answer.data) paths.push(`/api/articles?filters[slug][$eq]=${encodeURIComponent(article.slug)}&populate=*`);
  }
  if (paths.length === 0) throw new Error('no published article to read by slug');
  return paths;
}

const latencyOk = (result: AutocannonResult) => result.non2xx === 0 && result.errors === 0;

async function benchReads(server: Server) {
  await seedTo(server, READ_ARTICLES);
  const articles = await publishedCount(server);
  const bySlug = await slugPaths(server);
  const section = `3. Reads (${articles} published articles, ${READ_CONNECTIONS} connections, ${READ_SECONDS} s per run)`;
  for (const [name, paths] of [
    ['list 25 with tags, authors, source', [LIST_PATH]],
    ['one article by slug (populate=*)', bySlug],
  ] as const) {
    const results: AutocannonResult[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await readLoad(server.baseUrl, [...paths], READ_CONNECTIONS, READ_SECONDS).result;
      if (!latencyOk(result)) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      results.push(result);
      log(`read ${name}: ${(result.requests.total / result.duration).toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
    }
    const p99 = median(results.map((r) => r.latency.p99));
    row(
      section,
      name,
      `${median(results.map((r) => r.requests.total / r.duration)).toFixed(0)} req/s, p50 ${median(results.map((r) => r.latency.p50))} ms, p99 ${p99} ms`,
      POSTGRES ? undefined : 'p99 < 100 ms (SQLite)',
      POSTGRES ? undefined : p99 < 100,
    );
  }
}

// ---------------------------------------------------------------- 4 and 5. memory and responsiveness

/** Writes `count` documents as .txt files in nested folders (100 per folder), returns the root. */
function writeCorpus(count: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `part-${Math.floor(i / 100)}`);
    if (i % 100 === 0) fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, `doc-${i}.txt`), makeArticle(serial++, 1).raw);
  }
  return root;
}

/** Runs the importer CLI as a child (node --import tsx, no wrapper) and samples its peak RSS (VmHWM). */
function runCli(server: Server, folder: string): Promise<{ code: number | null; peakRss: number; seconds: number; output: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'import.ts'), '--json', '--status', 'published', '--url', server.baseUrl, folder],
      { cwd: APP_DIR, env: { ...process.env, STRAPI_TOKEN: server.importerKey }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let peakKb = 0;
    const sample = () => {
      try {
        const match = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // the process is gone; the last sample stands (VmHWM only grows)
      }
    };
    const timer = setInterval(sample, 50);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, peakRss: peakKb * 1024, seconds: seconds(start), output });
    });
  });
}

async function benchMemory(server: Server) {
  const growth: number[] = [];
  const growthAfterGc: number[] = [];
  const before: number[] = [];
  const cliPeak: number[] = [];
  const cliRate: number[] = [];
  for (let run = 0; run < MEMORY_RUNS; run++) {
    const folder = writeCorpus(MEMORY_DOCS);
    try {
      const rssBefore = (await server.request({ type: 'memory', gc: true }, 'memory')).rss;
      const cli = await runCli(server, folder);
      const rssAfter = (await server.request({ type: 'memory' }, 'memory')).rss;
      const rssAfterGc = (await server.request({ type: 'memory', gc: true }, 'memory')).rss;
      const report = JSON.parse(cli.output || '{}') as { created?: number; failed?: number };
      if (cli.code !== 0 || report.created !== MEMORY_DOCS) throw new Error(`importer CLI: exit ${cli.code}, ${cli.output.slice(0, 500)}`);
      before.push(rssBefore);
      growth.push(rssAfter - rssBefore);
      growthAfterGc.push(rssAfterGc - rssBefore);
      cliPeak.push(cli.peakRss);
      cliRate.push(MEMORY_DOCS / cli.seconds);
      log(
        `run ${run + 1}: server RSS ${mb(rssBefore).toFixed(0)} -> ${mb(rssAfter).toFixed(0)} MB (after GC ${mb(rssAfterGc).toFixed(0)}), ` +
          `CLI peak ${mb(cli.peakRss).toFixed(0)} MB, ${(MEMORY_DOCS / cli.seconds).toFixed(0)} docs/s`,
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
  const memory = `4. Memory (import of ${MEMORY_DOCS} files with the CLI, --batch 25 --concurrency 4)`;
  const grown = median(growth);
  row(
    memory,
    'server RSS before import (main process, after GC; cleaning workers are threads of it)',
    `${mb(median(before)).toFixed(0)} MB`,
  );
  row(
    memory,
    'server RSS growth after import (no GC / after GC)',
    `${mb(grown).toFixed(0)} MB / ${mb(median(growthAfterGc)).toFixed(0)} MB`,
    '< 150 MB',
    mb(grown) < 150,
  );
  row(memory, 'importer CLI peak RSS (VmHWM)', `${mb(median(cliPeak)).toFixed(0)} MB (${median(cliRate).toFixed(0)} docs/s)`);
}

// ---------------------------------------------------------------- 5. reads during an import

const IMPORT_WHILE_READING = int('BENCH_BUSY_DOCS', 2000);
const BUSY_SEED = int('BENCH_BUSY_SEED', 1000);

/** Public list and filter pages a frontend would ask for, varied so that they are not all one cached answer. */
async function variedPaths(server: Server): Promise<string[]> {
  const slugs = async (kind: string) =>
    ((await getJson(`${server.baseUrl}/api/${kind}?fields[0]=slug&pagination[pageSize]=100`)) as { data: { slug: string }[] }).data.map(
      (row) => row.slug,
    );
  const populate = 'populate[tags]=true&populate[authors]=true&populate[source]=true';
  const paths: string[] = [];
  for (let page = 1; page <= 20; page += 1) {
    paths.push(`/api/articles?${populate}&pagination[page]=${page}&pagination[pageSize]=${page % 2 ? 25 : 10}`);
    paths.push(`/api/articles?fields[0]=title&fields[1]=slug&sort=title:asc&pagination[page]=${page}`);
  }
  for (const tag of await slugs('tags')) paths.push(`/api/articles?filters[tags][slug][$eq]=${tag}&${populate}&sort=publishedDate:desc`);
  for (const author of await slugs('authors')) paths.push(`/api/articles?filters[authors][slug][$eq]=${author}&populate=tags`);
  for (const source of await slugs('sources')) paths.push(`/api/articles?filters[source][slug][$eq]=${source}&pagination[pageSize]=10`);
  paths.push('/api/tags?sort=name', '/api/authors?sort=name', '/api/sources');
  return paths;
}

async function benchReadsDuringImport(server: Server) {
  await seedTo(server, BUSY_SEED);
  const paths = await variedPaths(server);
  const idle: AutocannonResult[] = [];
  const busy: AutocannonResult[] = [];
  const importRates: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const quiet = await readLoad(server.baseUrl, paths, RESP_CONNECTIONS, 10).result;
    idle.push(quiet);
    const load = readLoad(server.baseUrl, paths, RESP_CONNECTIONS, 3600);
    const docs = nextDocs(IMPORT_WHILE_READING);
    const start = process.hrtime.bigint();
    await importBatches(
      server,
      docs,
      docs.map((_, k) => `bench/busy/${serial}-${k}`),
      25,
      4,
    );
    const importSeconds = seconds(start);
    load.stop();
    const result = await load.result;
    busy.push(result);
    importRates.push(docs.length / importSeconds);
    log(
      `run ${run + 1}: idle ${(quiet.requests.total / quiet.duration).toFixed(0)} req/s p99 ${quiet.latency.p99} ms; ` +
        `during the import ${(result.requests.total / result.duration).toFixed(0)} req/s p99 ${result.latency.p99} ms ` +
        `(${result.non2xx} non-2xx, ${result.errors} errors); import ${(docs.length / importSeconds).toFixed(0)} articles/s`,
    );
  }
  const rate = (r: AutocannonResult) => r.requests.total / r.duration;
  const section = `5. Reads during an import (${IMPORT_WHILE_READING} documents, batches of 25, 4 in flight; ${paths.length} varied public list and filter pages, ${RESP_CONNECTIONS} connections)`;
  const idleRate = median(idle.map(rate));
  const busyRate = median(busy.map(rate));
  const p99 = median(busy.map((r) => r.latency.p99));
  const failed = median(busy.map((r) => r.non2xx + r.errors + r.timeouts));
  row(
    section,
    'reads idle',
    `${idleRate.toFixed(0)} req/s, p50 ${median(idle.map((r) => r.latency.p50))} ms, p99 ${median(idle.map((r) => r.latency.p99))} ms`,
  );
  row(
    section,
    'reads during the import: p99',
    `${p99} ms (p50 ${median(busy.map((r) => r.latency.p50))} ms)${failed ? `, ${failed} failed` : ''}`,
    '< 250 ms',
    p99 < 250 && failed === 0,
  );
  row(
    section,
    'reads during the import: throughput',
    `${busyRate.toFixed(0)} req/s = ${((100 * busyRate) / idleRate).toFixed(0)} % of idle`,
    '≥ 50 % of idle',
    busyRate >= idleRate / 2,
  );
  row(section, 'import rate while reading', `${median(importRates).toFixed(0)} articles/s`);
}

// ---------------------------------------------------------------- 6. scale

const SCALE_ARTICLES = int('BENCH_SCALE_ARTICLES', 100_000);

/**
 * A large import through the import API (batches of 25, 4 in flight), timed per tenth; then public reads over
 * pages spread across the whole table, so that almost every one misses the cache.
 */
async function benchScale(server: Server) {
  const start = await publishedCount(server);
  const missing = SCALE_ARTICLES - start;
  const tenth = Math.max(1, Math.floor(missing / 10));
  const rates: number[] = [];
  log(`importing ${missing} articles (batches of 25, 4 in flight), timed per tenth…`);
  for (let done = 0; done < missing; done += tenth) {
    const docs = nextDocs(Math.min(tenth, missing - done));
    const began = process.hrtime.bigint();
    await importBatches(
      server,
      docs,
      docs.map((_, k) => `bench/scale/${serial}-${k}`),
      25,
      4,
    );
    rates.push(docs.length / seconds(began));
    log(`tenth ${rates.length}: ${rates.at(-1)?.toFixed(0)} articles/s (${start + done + docs.length} published)`);
  }
  if (POSTGRES && process.env.BENCH_SCALE_VACUUM !== '0') {
    const began = process.hrtime.bigint();
    await server.maintain();
    log(`VACUUM (ANALYZE) after the import, as autovacuum would (BENCH_SCALE_VACUUM=0 skips it): ${seconds(began).toFixed(1)} s`);
  }
  const total = await publishedCount(server);
  const vacuumed = POSTGRES && process.env.BENCH_SCALE_VACUUM !== '0' ? ', VACUUM (ANALYZE) after the import' : '';
  const section = `6. Scale (${total} published articles, ${RESP_CONNECTIONS} connections, varied pages so the cache misses${vacuumed})`;
  const first = rates[0];
  const last = rates[rates.length - 1];
  row(
    section,
    'import: first tenth vs last tenth',
    `${first.toFixed(0)} vs ${last.toFixed(0)} articles/s (${((100 * last) / first).toFixed(0)} %)`,
    'last within 20 % of first',
    last >= first * 0.8,
  );

  const pages = Math.floor(total / 25);
  const listPaths = Array.from(
    { length: 2000 },
    (_, i) =>
      `/api/articles?populate[tags]=true&populate[authors]=true&populate[source]=true&sort=publishedDate:desc&pagination[pageSize]=25&pagination[page]=${1 + ((i * 7919) % pages)}`,
  );
  const slugs: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const page = 1 + ((i * 104729) % Math.max(1, Math.floor(total / 100)));
    const answer = (await getJson(
      `${server.baseUrl}/api/articles?fields[0]=slug&pagination[pageSize]=100&pagination[page]=${page}&sort=id`,
    )) as {
      data: { slug: string }[];
    };
    slugs.push(...answer.data.map((article) => article.slug));
  }
  const slugPathsScale = slugs.map((slug) => `/api/articles?filters[slug][$eq]=${encodeURIComponent(slug)}&populate=*`);
  // Search: the synthetic corpus has a vocabulary of ~90 words, so two of its words match a large share of
  // 100,000 articles (the hardest case for ranking); a title's own serial is as selective as a real name.
  const vocabulary = SEARCH_WORDS;
  const commonSearches = Array.from({ length: 500 }, (_, i) => {
    const a = vocabulary[(i * 31) % vocabulary.length];
    const b = vocabulary[(i * 17 + 5) % vocabulary.length];
    const forms = [`${a} ${b}`, `"${a} ${b}"`, `${a} -${b}`, `${a} OR ${b}`];
    return `/api/articles/search?q=${encodeURIComponent(forms[i % forms.length])}&page=${1 + (i % 3)}`;
  });
  // A title word and the article's serial (slug: words…-serial-seed).
  const selectiveSearches = slugs.map((slug) => {
    const parts = slug.split('-');
    return `/api/articles/search?q=${encodeURIComponent(`${parts[0]} ${parts[parts.length - 2]}`)}`;
  });
  // A search that finds nothing is fast and proves nothing: each kind must find its articles.
  for (const [kind, paths] of [
    ['selective', selectiveSearches],
    ['common', commonSearches],
  ] as const) {
    const totals: number[] = [];
    for (const searchPath of paths.slice(0, 5)) {
      totals.push(((await getJson(`${server.baseUrl}${searchPath}`)) as { meta: { pagination: { total: number } } }).meta.pagination.total);
    }
    if (totals.some((found) => found < 1)) throw new Error(`${kind} searches found nothing: ${totals.join(', ')}`);
    log(`${kind} searches find ${totals.join(', ')} articles`);
  }
  for (const [name, paths, target] of [
    ['list of 25 with tags, authors, source (2,000 pages)', listPaths, 100],
    [`one article by slug, populate=* (${slugPathsScale.length} slugs)`, slugPathsScale, 20],
    [`search, selective queries (${selectiveSearches.length} queries)`, selectiveSearches, 50],
    [`search, two common words: phrase, OR, exclusion (${commonSearches.length} queries)`, commonSearches, 50],
  ] as const) {
    const results: AutocannonResult[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const result = await readLoad(server.baseUrl, [...paths], RESP_CONNECTIONS, READ_SECONDS).result;
      if (!latencyOk(result)) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      results.push(result);
      log(`scale read ${name}: ${(result.requests.total / result.duration).toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
    }
    const p99 = median(results.map((r) => r.latency.p99));
    row(
      section,
      name,
      `${median(results.map((r) => r.requests.total / r.duration)).toFixed(0)} req/s, p50 ${median(results.map((r) => r.latency.p50))} ms, p99 ${p99} ms`,
      `p99 < ${target} ms`,
      p99 < target,
    );
  }
}

// ---------------------------------------------------------------- main

function printTable() {
  const lines = ['| section | measure | median | target | met |', '| --- | --- | --- | --- | --- |'];
  let last = '';
  for (const r of rows) {
    lines.push(
      `| ${r.section === last ? '' : r.section} | ${r.measure} | ${r.value} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'yes' : '**no**'} |`,
    );
    last = r.section;
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  const started = process.hrtime.bigint();
  log(`database: ${POSTGRES ? 'PostgreSQL' : 'SQLite'}, runs: ${RUNS}`);
  if (runs(1)) benchCleaning();
  const server = await startServer();
  try {
    await createTaxonomy(server);
    if (runs(2)) {
      const stock = await startServer('stock');
      try {
        await benchImport(server, stock, await createTaxonomy(stock));
      } finally {
        await stock.stop();
      }
    }
    if (runs(3)) await benchReads(server);
    if (runs(4)) await benchMemory(server);
    if (runs(5)) await benchReadsDuringImport(server);
    // Opt-in (BENCH_ONLY=6): 100,000 articles take a while to import.
    if (ONLY.has(6)) await benchScale(server);
  } finally {
    await server.stop();
  }
  process.stdout.write(
    `\nDatabase: ${POSTGRES ? 'PostgreSQL' : 'SQLite'}; each figure is the median of ${RUNS} runs; total ${seconds(started).toFixed(0)} s.\n\n`,
  );
  printTable();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
