/**
 * End-to-end test of the editors' admin UI in Debian's Chromium (playwright-core, no browser download).
 *
 * Builds the admin, starts `strapi start` on a free port with a fresh SQLite file and a super-admin from
 * ADMIN_EMAIL/ADMIN_PASSWORD, then walks the five steps of the admin UI issue and the per-source memory and jobs pages, one screenshot per step in
 * e2e-artifacts/. Prints "N passed, M failed" and exits non-zero on any failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import fs from 'fs';
import net from 'net';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'e2e-artifacts');
const FIXTURES = path.join(ROOT, 'src', 'plugins', 'content-normalizer', 'fixtures');
const STRAPI_BIN = path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const ADMIN = { email: 'e2e-admin@example.com', password: 'E2e-Passw0rd!' };
const STEP_TIMEOUT_MS = 30_000;

const secret = () => randomBytes(16).toString('base64');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/* ----------------------------------------------------------------------------------------------- */

const dbFile = `.tmp/e2e-${randomBytes(6).toString('hex')}.db`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: dbFile,
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  SEED_EXAMPLES: 'false',
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
  STRAPI_TELEMETRY_DISABLED: 'true',
  BROWSER: 'none',
};

let server: ChildProcess | null = null;
const serverLog: string[] = [];

async function startServer(port: number, base: string) {
  server = spawn(process.execPath, [STRAPI_BIN, 'start'], { cwd: ROOT, env: { ...env, PORT: String(port) }, detached: true });
  const keep = (chunk: Buffer) => {
    serverLog.push(chunk.toString());
    if (serverLog.length > 400) serverLog.shift();
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`strapi start exited with ${server.exitCode}:\n${serverLog.join('')}`);
    try {
      const res = await fetch(`${base}/_health`);
      if (res.status === 204 || res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Strapi did not answer on ${base} within 180 s:\n${serverLog.join('')}`);
}

/** Stops the server (its whole process group: strapi start may have children) and waits for it to exit. */
async function stopServer() {
  const child = server;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

/** Admin API calls for assertions the UI cannot make on its own (stored values, 403s). */
async function api<T>(
  base: string,
  token: string | null,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}

/** Sets the Markdown editor's text (CodeMirror 5 keeps its instance on its root element). */
async function setBody(page: Page, text: string) {
  await page.waitForSelector('.CodeMirror', { timeout: STEP_TIMEOUT_MS });
  await page.evaluate((value) => {
    type Pos = { line: number; ch: number };
    type Editor = {
      replaceRange: (text: string, from: Pos, to: Pos, origin: string) => void;
      lastLine: () => number;
      getLine: (n: number) => string;
    };
    const root = document.querySelector('.CodeMirror') as (Element & { CodeMirror?: Editor }) | null;
    if (!root?.CodeMirror) throw new Error('no CodeMirror instance on the body field');
    const cm = root.CodeMirror;
    // As a paste: the field ignores programmatic setValue (its origin is how it syncs props), not input.
    const last = cm.lastLine();
    cm.replaceRange(value, { line: 0, ch: 0 }, { line: last, ch: cm.getLine(last).length }, 'paste');
  }, text);
}

async function getBody(page: Page): Promise<string> {
  await page.waitForSelector('.CodeMirror', { timeout: STEP_TIMEOUT_MS });
  return page.evaluate(() => {
    const root = document.querySelector('.CodeMirror') as (Element & { CodeMirror?: { getValue: () => string } }) | null;
    return root?.CodeMirror?.getValue() ?? '';
  });
}

/** Waits until the live preview shows a result for the current input (it is debounced). */
async function waitForPreview(page: Page, check: () => Promise<boolean>) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    await page.waitForTimeout(250);
  }
  throw new Error('the live preview did not show the expected result');
}

async function removedLines(page: Page): Promise<Array<{ text: string; rule: string }>> {
  return page.$$eval('[data-testid="preview-removed-line"]', (rows) =>
    rows.map((row) => ({ text: (row.querySelector('del')?.textContent ?? '').trim(), rule: row.getAttribute('data-rule') ?? '' })),
  );
}

/* ----------------------------------------------------------------------------------------------- */

interface ExpectedFixture {
  removed: Array<{ line: number; rule: string }>;
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}. Install it first: apt-get update && apt-get install -y chromium`);
    process.exit(1);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });

  // E2E_SKIP_BUILD=1 reuses build/ when only the test changed (local iteration; CI always builds).
  const skipBuild = process.env.E2E_SKIP_BUILD === '1' && fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'));
  console.log(skipBuild ? '== reusing the admin build (E2E_SKIP_BUILD=1)' : '== building the admin (strapi build)');
  const build = skipBuild
    ? { status: 0 }
    : spawnSync(process.execPath, [STRAPI_BIN, 'build'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) {
    console.error('strapi build failed');
    console.log('0 passed, 6 failed');
    process.exit(1);
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`== starting Strapi on ${base} (${dbFile})`);
  await startServer(port, base);

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(STEP_TIMEOUT_MS);

  const login = await api<{ data: { token: string } }>(base, null, 'POST', '/admin/login', ADMIN);
  assert(login.status === 200, `admin API login answered ${login.status}`);
  const token = login.body.data.token;

  const fixtureName = 'port-verin-ferry-strike';
  const fixtureText = fs.readFileSync(path.join(FIXTURES, `${fixtureName}.txt`), 'utf8');
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${fixtureName}.expected.json`), 'utf8')) as ExpectedFixture;
  const fixtureLines = fixtureText.split('\n');
  let articleUrl = '';

  const steps: Array<[string, () => Promise<void>]> = [
    [
      '1. log in',
      async () => {
        await page.goto(`${base}/admin/auth/login`);
        await page.fill('input[name="email"]', ADMIN.email);
        await page.fill('input[name="password"]', ADMIN.password);
        await page.click('button[type="submit"]');
        await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: STEP_TIMEOUT_MS });
        await page.waitForLoadState('networkidle');
        // The admin shell renders after its own data loads: wait for the main navigation, not a spinner.
        await page.getByRole('navigation').first().waitFor({ state: 'visible' });
        await page.getByText(/Hello/i).first().waitFor({ state: 'visible' });
        await shot(page, '01-logged-in.png');
        assert(!page.url().includes('/auth/login'), `still on the login page: ${page.url()}`);
      },
    ],
    [
      '2. rules page: paste an example document, every removed line labelled with its rule',
      async () => {
        await page.goto(`${base}/admin/settings/content-normalizer/rules`);
        await page.getByRole('heading', { name: 'Content normalizer' }).first().waitFor();
        for (const rule of ['title', 'byline', 'ad-line', 'copyright-footer', 'custom-pattern']) {
          assert(await page.locator(`[data-testid="rule-row-${rule}"]`).count(), `rule ${rule} is not listed`);
        }
        await page.fill('[data-testid="preview-input"]', fixtureText);
        await waitForPreview(page, async () => (await removedLines(page)).length === expected.removed.length);
        const shown = await removedLines(page);
        for (const want of expected.removed) {
          const text = fixtureLines[want.line - 1].trim();
          assert(
            shown.some((row) => row.rule === want.rule && row.text === text),
            `line ${want.line} "${text}" is not shown struck through as ${want.rule}; shown: ${JSON.stringify(shown)}`,
          );
        }
        const title = await page.textContent('[data-testid="preview-title"]');
        assert(title?.startsWith('Ferry Workers End Nine-Day Strike'), `parsed title is ${title}`);
        await page.locator('[data-testid="preview-result"]').scrollIntoViewIfNeeded();
        await shot(page, '02-rules-preview-example.png');

        // The routes behind the page refuse who lacks the plugin's permission, whatever the UI shows.
        const anonymous = await api(base, null, 'GET', '/content-normalizer/settings');
        assert(anonymous.status === 401, `anonymous GET /content-normalizer/settings answered ${anonymous.status}`);
        const roles = await api<{ data: Array<{ id: number; code: string }> }>(base, token, 'GET', '/admin/roles');
        const editorRole = roles.body.data.find((role) => role.code === 'strapi-editor');
        assert(editorRole, 'no Editor role');
        const invited = await api<{ data: { registrationToken: string } }>(base, token, 'POST', '/admin/users', {
          email: 'e2e-editor@example.com',
          firstname: 'Eddie',
          lastname: 'Tor',
          roles: [editorRole.id],
        });
        assert(invited.status === 201 || invited.status === 200, `creating an Editor answered ${invited.status}`);
        const registered = await api<{ data: { token: string } }>(base, null, 'POST', '/admin/register', {
          registrationToken: invited.body.data.registrationToken,
          userInfo: { firstname: 'Eddie', lastname: 'Tor', password: ADMIN.password },
        });
        assert(registered.status === 200, `registering the Editor answered ${registered.status}`);
        const editorToken = registered.body.data.token;
        for (const [method, url, body] of [
          ['GET', '/content-normalizer/settings', undefined],
          ['PUT', '/content-normalizer/settings', { data: { rules: {}, customPatterns: [], sources: {} } }],
          ['POST', '/content-normalizer/settings/preview', { data: { text: 'x' } }],
        ] as const) {
          const res = await api(base, editorToken, method, url, body);
          assert(res.status === 403, `an Editor got ${res.status} on ${method} ${url}, expected 403`);
        }
      },
    ],
    [
      '3. custom pattern for a made-up ad line removes it',
      async () => {
        await page.getByRole('button', { name: 'Add pattern' }).click();
        await page.fill('input[name="pattern-0"]', 'Jingle of the week: Zephyrix Mints');
        await page.fill('input[name="rule-0"]', 'zephyrix-ad');
        await page.fill('input[name="description-0"]', 'Zephyrix sponsor line');
        await page.click('[data-testid="settings-save"]');
        await page.getByText('Cleaning rules saved').first().waitFor();
        const saved = await api<{ data: { settings: { customPatterns: Array<{ pattern: string; rule?: string }> } } }>(
          base,
          token,
          'GET',
          '/content-normalizer/settings',
        );
        assert(
          saved.body.data.settings.customPatterns.some(
            (p) => p.pattern === 'Jingle of the week: Zephyrix Mints' && p.rule === 'zephyrix-ad',
          ),
          `the pattern was not stored: ${JSON.stringify(saved.body.data)}`,
        );

        const adLine = 'JINGLE OF THE WEEK: ZEPHYRIX MINTS, fresh breath, fresh news';
        const doc = [
          'Lantern Festival Returns to the Old Quay',
          '',
          'The lantern festival came back to the old quay on Saturday after a four-year pause, drawing families from across the district.',
          '',
          adLine,
          '',
          'Organisers said more than three hundred lanterns were launched before midnight, and the harbour master kept the channel clear.',
        ].join('\n');
        await page.fill('[data-testid="preview-input"]', doc);
        await waitForPreview(page, async () => (await removedLines(page)).some((row) => row.rule === 'zephyrix-ad'));
        const shown = await removedLines(page);
        assert(
          shown.some((row) => row.rule === 'zephyrix-ad' && row.text === adLine),
          `the ad line is not removed by zephyrix-ad: ${JSON.stringify(shown)}`,
        );
        const body = (await page.textContent('[data-testid="preview-body"]')) ?? '';
        assert(!body.includes('ZEPHYRIX'), 'the cleaned body still holds the ad line');
        assert(body.includes('three hundred lanterns'), 'the cleaned body lost the story');
        await page.locator('[data-testid="rule-row-custom-zephyrix-ad"]').waitFor();
        await page.locator('[data-testid="preview-result"]').scrollIntoViewIfNeeded();
        await shot(page, '03-custom-pattern.png');
      },
    ],
    [
      '4. an article saved in the Content Manager is cleaned, with one tag',
      async () => {
        await page.goto(`${base}/admin/content-manager/collection-types/api::article.article/create`);
        await page.fill('input[name="title"]', 'Harbour council approves the new sea wall');
        await setBody(
          page,
          [
            'The council voted on Tuesday to build a new sea wall along the old harbour, after two winters of flooding.',
            '',
            'ADVERTISEMENT',
            '',
            'Work starts in the spring and should take eighteen months, the harbour office said.',
            '',
            'Tags:  Human  rights , human rights',
            '',
            'Copyright 2024 Harbour Times. All rights reserved.',
          ].join('\n'),
        );
        await page.getByRole('button', { name: 'Save' }).first().click();
        await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: STEP_TIMEOUT_MS });
        articleUrl = page.url();
        await page.reload();
        await page.waitForSelector('.CodeMirror');
        const body = await getBody(page);
        assert(body.includes('The council voted on Tuesday'), `the body lost the story: ${body}`);
        assert(!body.includes('ADVERTISEMENT'), `the ad line was not removed: ${body}`);
        assert(!body.includes('Copyright 2024'), `the copyright footer was not removed: ${body}`);
        assert(!/^Tags:/m.test(body), `the tags line was not turned into tags: ${body}`);

        const documentId = articleUrl.split('/').pop()?.split('?')[0] ?? '';
        const stored = await api<{ data: { tags: Array<{ name: string; slug: string }> } }>(
          base,
          token,
          'GET',
          `/content-manager/collection-types/api::article.article/${documentId}?populate[tags]=true`,
        );
        const tags = stored.body.data?.tags ?? [];
        assert(tags.length === 1 && tags[0].slug === 'human-rights', `expected one tag human-rights, got ${JSON.stringify(tags)}`);
        const allTags = await api<{ data: Array<{ slug: string; articles: number }> }>(base, token, 'GET', '/content-normalizer/tags');
        assert(allTags.body.data.filter((t) => t.slug === 'human-rights').length === 1, 'more than one human-rights tag exists');
        await shot(page, '04a-article-cleaned-body.png');
        // The tags relation field, further down the form: one linked tag.
        const tagLinks = page.getByText('Human rights', { exact: true });
        await tagLinks.first().scrollIntoViewIfNeeded();
        assert((await tagLinks.count()) === 1, `the tags field shows "Human rights" ${await tagLinks.count()} times`);
        await shot(page, '04b-article-one-tag.png');
      },
    ],
    [
      '5. article panel: keep a removed line, re-clean, it stays',
      async () => {
        assert(articleUrl, 'no article from step 4');
        await page.goto(articleUrl);
        const adRow = page.locator('[data-testid="panel-removed-line"][data-rule="ad-line"]');
        await adRow.waitFor();
        assert(
          await page.locator('[data-testid="panel-removed-line"][data-rule="copyright-footer"]').count(),
          'no copyright footer in the report',
        );
        await shot(page, '05a-panel-report.png');
        await Promise.all([page.waitForEvent('load'), adRow.getByRole('button', { name: 'Keep this line' }).click()]);
        await page.locator('[data-testid="panel-kept-line"]').first().waitFor();
        assert((await getBody(page)).includes('ADVERTISEMENT'), 'the kept line is not back in the body');

        await Promise.all([page.waitForEvent('load'), page.click('[data-testid="panel-reclean"]')]);
        await page.locator('[data-testid="cleaning-panel"]').waitFor();
        const body = await getBody(page);
        assert(body.includes('ADVERTISEMENT'), `re-cleaning removed the kept line again: ${body}`);
        assert(!body.includes('Copyright 2024'), 're-cleaning brought back the copyright footer');
        assert(
          (await page.locator('[data-testid="panel-removed-line"][data-rule="ad-line"]').count()) === 0,
          'the kept line is still listed as removed',
        );
        assert(
          await page.locator('[data-testid="panel-removed-line"][data-rule="copyright-footer"]').count(),
          'the footer is no longer reported',
        );
        const kept = await page.locator('[data-testid="panel-kept-line"]').allTextContents();
        assert(kept.includes('ADVERTISEMENT'), `kept lines shown: ${JSON.stringify(kept)}`);
        await shot(page, '05b-kept-after-reclean.png');
      },
    ],
    [
      '6. source boilerplate and jobs pages: a learned line, keep it as content, the job that puts it back',
      async () => {
        const created = await api<{ data: { accessKey: string } }>(base, token, 'POST', '/admin/api-tokens', {
          name: 'e2e importer',
          type: 'custom',
          lifespan: null,
          permissions: ['plugin::content-normalizer.importer.import'],
        });
        assert(created.status === 201 || created.status === 200, `API token: ${created.status}`);
        const line = 'The Tidewater Record is an independent newsroom funded by its readers.';
        for (let n = 1; n <= 4; n++) {
          const place = ['north quay', 'ferry ramp', 'old lock', 'fish market'][n - 1];
          const text = `Tide Table Story for the ${place}\n\nThe harbour office posted new tide tables at the ${place} this week.\n\n${line}`;
          const res = await api<{ data: Array<{ status: string }> }>(base, created.body.data.accessKey, 'POST', '/api/articles/import', {
            data: { text, source: 'Tidewater Record', externalId: `e2e/tide/${n}`, status: 'published' },
          });
          assert(res.status === 200 && res.body.data[0].status === 'created', `import ${n}: ${res.status} ${JSON.stringify(res.body)}`);
        }
        await page.goto(`${base}/admin/settings/content-normalizer/source-memory`);
        await page.getByRole('combobox', { name: 'Source' }).click();
        await page.getByRole('option', { name: /Tidewater Record/ }).click();
        const learned = page.locator('[data-testid="memory-line"][data-state="learned"]', { hasText: line });
        await learned.waitFor();
        await shot(page, '06a-source-boilerplate.png');
        await learned.getByRole('button', { name: 'Keep as content' }).click();
        await page.locator('[data-testid="memory-line"][data-state="kept"]', { hasText: line }).waitFor();

        // The re-clean runs in the background: every stored article gets the line back (public reads may lag
        // by the public cache's write window).
        const bodies = async () =>
          (
            await api<{ data: Array<{ body: string }> }>(
              base,
              null,
              'GET',
              '/api/articles?filters[source][slug][$eq]=tidewater-record&pagination[pageSize]=10',
            )
          ).body.data.map((article) => article.body);
        let latest: string[] = [];
        for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 500))) {
          latest = await bodies();
          if (latest.length === 4 && latest.every((body) => body.includes(line))) break;
        }
        assert(latest.length === 4, `public articles of the source: ${latest.length}`);
        assert(
          latest.every((body) => body.includes(line) && body.includes('posted new tide tables')),
          `after "Keep as content" the line is not back in every stored article: ${JSON.stringify(latest)}`,
        );

        await page.goto(`${base}/admin/settings/content-normalizer/jobs`);
        await page.locator('[data-testid="jobs-table"]').waitFor();
        // The job of learning the line and the job of keeping it, both listed and finished.
        await page.waitForFunction(
          () => {
            const rows = [...document.querySelectorAll('[data-testid="jobs-table"] [data-testid^="job-"]')];
            const text = rows.map((row) => row.textContent ?? '').join('\n');
            return rows.length >= 2 && /kept as content/.test(text) && !/\b(?:queued|running)\b/i.test(text);
          },
          undefined,
          { timeout: 60_000 },
        );
        await shot(page, '06b-jobs.png');
      },
    ],
  ];

  let passed = 0;
  let failed = 0;
  for (const [name, run] of steps) {
    try {
      await run();
      passed += 1;
      console.log(`ok   ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}\n     ${(error as Error).message.split('\n').join('\n     ')}`);
      await shot(page, `failed-${passed + failed}.png`).catch(() => undefined);
    }
  }

  await browser.close();
  return { passed, failed };
}

main()
  .then(async ({ passed, failed }) => {
    await stopServer();
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  })
  .catch(async (error: unknown) => {
    await stopServer();
    console.error(error);
    console.log('0 passed, 6 failed');
    process.exitCode = 1;
  })
  .finally(() => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(ROOT, dbFile + suffix), { force: true });
    // Let the process exit even if a socket lingers.
    setTimeout(() => process.exit(process.exitCode ?? 0), 2_000).unref();
  });
