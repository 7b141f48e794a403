import fs from 'fs';
import os from 'os';
import path from 'path';
import http from 'http';
import type { AddressInfo } from 'net';
import { spawn } from 'child_process';
import { APP_DIR, createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { readFixture } from '../helpers/fixtures';
import { unusedPort } from '../helpers/net';

// The CLI runs as a child process against this Jest process's Strapi, so spawn must stay asynchronous:
// a synchronous exec would block the event loop that serves the CLI's requests.
const ARTICLE = 'api::article.article';
const CLI = path.join(APP_DIR, 'scripts', 'import.ts');
const TSX = path.join(APP_DIR, 'node_modules', '.bin', 'tsx');

let app: TestApp;
let baseUrl: string;
let importerKey: string;
let workDir: string;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], {
      cwd: APP_DIR,
      env: { ...process.env, STRAPI_URL: baseUrl, STRAPI_TOKEN: importerKey, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

interface JsonReport {
  documents: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  failures: { file: string; externalId?: string; reason: string }[];
  previews?: { file: string; title?: string; removed: { rule?: string; text?: string }[] }[];
}

const parseReport = (result: CliResult) => JSON.parse(result.stdout) as JsonReport;

function writeTree(root: string, files: Record<string, string>) {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
}

const articleCount = () => app.strapi.db.query(ARTICLE).count({ where: { publishedAt: null } });

beforeAll(async () => {
  // The test server already listens (tests/helpers/strapi.ts).
  app = await startStrapi();
  const { port } = app.strapi.server.httpServer.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  importerKey = await createApiToken(app.strapi, 'custom', [
    'plugin::content-normalizer.importer.import',
    'plugin::content-normalizer.preview.preview',
  ]);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cli-'));
});

afterAll(async () => {
  await app?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('npm run import', () => {
  const tree = () => path.join(workDir, 'feed');

  beforeAll(() => {
    writeTree(tree(), {
      'ferry.txt': readFixture('port-verin-ferry-strike.txt'),
      'coast/lighthouse.md': readFixture('cape-morrow-lighthouse.md'),
      'coast/deeper/budget.html': readFixture('riverside-budget.html'),
      'wire.json': JSON.stringify([
        { text: 'Harbour reopens\n\nBy Jane Roe | 2024-06-01\n\nThe harbour reopened on Monday.\n\nADVERTISEMENT' },
        { text: 'Bridge closes\n\nThe old bridge closes for repairs.', externalId: 'wire/bridge', tags: ['Bridges'] },
      ]),
      'broken.json': '{ "text": "never closed',
      'notes.csv': 'ignored,because,not,a,document',
      '.hidden/secret.txt': 'hidden files are skipped',
    });
  });

  it('imports a folder recursively, reports and skips a bad file, and exits non-zero', async () => {
    const result = await runCli(['--json', '--status', 'published', '--source', 'Wire Desk', '--batch', '2', tree()]);
    expect(result.code).toBe(1);
    const report = parseReport(result);
    expect(report).toMatchObject({ documents: 6, created: 5, updated: 0, unchanged: 0, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({ file: path.join(tree(), 'broken.json'), reason: expect.stringMatching(/invalid JSON/) }),
    ]);
    // Plain progress lines on stderr when stderr is not a terminal, and the skipped file named there too.
    expect(result.stderr).toMatch(/skipped .*broken\.json/);
    expect(result.stderr).toMatch(/import 6\/6 /);

    const rows = (await app.strapi.db.query(ARTICLE).findMany({
      where: { publishedAt: null },
      select: ['externalId'],
      populate: ['source'],
    })) as { externalId: string; source?: { name: string } }[];
    expect(rows.map((row) => row.externalId).sort()).toEqual(
      ['coast/deeper/budget.html', 'coast/lighthouse.md', 'ferry.txt', 'wire.json#0', 'wire/bridge'].sort(),
    );
    expect(rows.every((row) => row.source?.name)).toBe(true);
    expect(rows.find((row) => row.externalId === 'wire/bridge')?.source?.name).toBe('Wire Desk');
    expect(await app.strapi.db.query(ARTICLE).count({ where: { publishedAt: { $notNull: true } } })).toBe(5);
  });

  it('run again, changes nothing: everything is unchanged', async () => {
    const before = await articleCount();
    const result = await runCli(['--json', '--status', 'published', '--source', 'Wire Desk', tree()]);
    const report = parseReport(result);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 5, failed: 1 });
    expect(await articleCount()).toBe(before);
  });

  it('updates a changed file and exits 0 when nothing fails; prints a human summary without --json', async () => {
    const dir = path.join(workDir, 'clean');
    writeTree(dir, { 'one.txt': 'Market day\n\nThe market opens at dawn.', 'two.md': '# Night bus\n\nThe night bus returns.' });
    expect((await runCli([dir])).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'one.txt'), 'Market day\n\nThe market opens at dawn, and now at dusk too.');
    const result = await runCli([dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2 document\(s\).*0 created, 1 updated, 1 unchanged, 0 failed/);
  });

  it('reports the reason of an item the API refuses, and exits non-zero', async () => {
    const dir = path.join(workDir, 'refused');
    writeTree(dir, {
      'bad-url.json': JSON.stringify({ text: 'Bad link\n\nA story with a bad link.', url: 'not a url' }),
      'good.txt': 'Good story\n\nA story that goes in.',
    });
    const result = await runCli([dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/1 created, 0 updated, 0 unchanged, 1 failed/);
    expect(result.stdout).toMatch(/bad-url\.json \(externalId bad-url\.json\): url: must be an absolute http\(s\) URL/);
  });

  it('--transaction batch stores each request whole; an invalid item is reported and its batch goes in without it', async () => {
    const dir = path.join(workDir, 'whole-batches');
    // Names of their own: externalId defaults to the path under PATH, and other tests import an a.txt.
    writeTree(dir, {
      'quay-lights.txt': 'Quay lights\n\nThe quay lights were replaced overnight.',
      'bad-date.json': JSON.stringify({ text: 'Bad date\n\nA story with a date that is not one.', publishedDate: 'someday' }),
      'pier-census.txt': 'Pier census\n\nThe pier census counted forty boats.',
      'dune-path.md': '# Dune path\n\nThe dune path reopens in spring.',
    });
    const before = await articleCount();
    const result = await runCli(['--json', '--transaction', 'batch', '--batch', '4', dir]);
    expect(result.code).toBe(1);
    const report = parseReport(result);
    expect(report).toMatchObject({ documents: 4, created: 3, failed: 1 });
    expect(report.failures).toEqual([
      expect.objectContaining({ file: path.join(dir, 'bad-date.json'), reason: expect.stringMatching(/publishedDate/) }),
    ]);
    expect(await articleCount()).toBe(before + 3);
    // Run again: all unchanged, still whole batches.
    const again = parseReport(await runCli(['--json', '--transaction', 'batch', '--batch', '4', dir]));
    expect(again).toMatchObject({ created: 0, unchanged: 3, failed: 1 });
  });

  it('--dry-run previews what would be removed and writes nothing', async () => {
    const dir = path.join(workDir, 'dry');
    writeTree(dir, { 'ferry-again.txt': readFixture('port-verin-ferry-strike.txt') });
    const before = await articleCount();
    const json = await runCli(['--dry-run', '--json', dir]);
    expect(json.code).toBe(0);
    const report = parseReport(json);
    expect(report.previews).toHaveLength(1);
    expect(report.previews?.[0].removed.map((entry) => entry.text)).toEqual(expect.arrayContaining(['Advertisement']));
    const human = await runCli(['--dry-run', dir]);
    expect(human.stdout).toMatch(/ferry-again\.txt: ".*", \d+ line\(s\) would be removed/);
    expect(human.stdout).toMatch(/\[[\w-]+\] Advertisement/);
    expect(human.stdout).toMatch(/Dry run \(nothing written\): 1 previewed, 0 failed/);
    expect(await articleCount()).toBe(before);
  });

  it('reads one document from standard input with -', async () => {
    const result = await runCli(['--json', '-'], { stdin: 'Stdin story\n\nPiped in from another tool.\n\nADVERTISEMENT' });
    expect(result.code).toBe(0);
    expect(parseReport(result)).toMatchObject({ created: 1, failed: 0 });
  });

  it('retries 503 and 429 answers with backoff, then succeeds', async () => {
    let refusals = 0;
    const proxy = http.createServer(async (req, res) => {
      if (refusals < 2) {
        refusals += 1;
        res.writeHead(refusals === 1 ? 503 : 429, { 'Content-Type': 'application/json', 'Retry-After': '0' });
        res.end(JSON.stringify({ error: { status: 503, message: 'busy' } }));
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await fetch(`${baseUrl}${req.url}`, {
        method: req.method,
        headers: { 'Content-Type': 'application/json', Authorization: String(req.headers.authorization) },
        body: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(await answer.text());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const dir = path.join(workDir, 'retry');
      writeTree(dir, { 'retry.txt': 'Retry story\n\nIt arrives on the third try.' });
      const { port } = proxy.address() as AddressInfo;
      const result = await runCli(['--json', '--url', `http://127.0.0.1:${port}`, dir]);
      expect(result.code).toBe(0);
      expect(parseReport(result)).toMatchObject({ created: 1, failed: 0 });
      expect(result.stderr).toMatch(/retrying \(attempt 2\): HTTP 503/);
      expect(refusals).toBe(2);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('rides through a server that is away for a while, and resends items the server says are retryable', async () => {
    // Nothing listens on the port at first (a restart); then a proxy answers the first batch with every item
    // failed as retryable (the database was away), and forwards everything after that.
    const port = await unusedPort();

    let batches = 0;
    const proxy = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      batches += 1;
      if (batches === 1) {
        const items = JSON.parse(Buffer.concat(chunks).toString()).data as unknown[];
        const failed = { status: 'failed', error: { name: 'ServiceUnavailableError', message: 'database', details: { retryable: true } } };
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ data: items.map(() => failed), meta: {} }));
        return;
      }
      const answer = await fetch(`${baseUrl}${req.url}`, {
        method: req.method,
        headers: { 'Content-Type': 'application/json', Authorization: String(req.headers.authorization) },
        body: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(await answer.text());
    });
    const dir = path.join(workDir, 'outage');
    writeTree(dir, { 'a.txt': 'Outage story one\n\nIt waits for the server.', 'b.txt': 'Outage story two\n\nIt waits too.' });
    const running = runCli(['--json', '--retry-for', '60', '--url', `http://127.0.0.1:${port}`, dir]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    proxy.listen(port, '127.0.0.1');
    try {
      const result = await running;
      expect(result.code).toBe(0);
      expect(parseReport(result)).toMatchObject({ created: 2, failed: 0 });
      expect(result.stderr).toMatch(/retrying \(attempt 2\): ECONNREFUSED/);
      expect(result.stderr).toMatch(/retrying 2 item\(s\) the server could not store yet/);
      expect(batches).toBe(2);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('gives up on a server that stays away once --retry-for has passed', async () => {
    const port = await unusedPort();
    const dir = path.join(workDir, 'gone');
    writeTree(dir, { 'a.txt': 'Lost story\n\nNobody answers.' });
    const result = await runCli(['--json', '--retry-for', '2', '--url', `http://127.0.0.1:${port}`, dir]);
    expect(result.code).toBe(1);
    expect(parseReport(result).failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/ECONNREFUSED \(after \d+ attempts over [2-9] s\)/),
    ]);
  });

  it('stops with a clear reason when the token is refused', async () => {
    const result = await runCli(['--token', 'not-a-token', tree()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/HTTP 401/);
    expect(result.stdout).toMatch(/check --token/);
  });

  it('refuses bad options with exit code 2', async () => {
    const result = await runCli(['--batch', 'many', tree()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--batch must be a positive integer/);
    const mode = await runCli(['--transaction', 'all-or-nothing', tree()]);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/--transaction must be item or batch/);
  });
});
