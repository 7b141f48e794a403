import request from 'supertest';
import { parseDocument, parseFeed } from 'htmlparser2';
import { findAll } from 'domutils';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let server: Parameters<typeof request>[0];
let token: string;

async function importItems(items: Array<Record<string, unknown>>) {
  const res = await request(server).post('/api/articles/import').set('Authorization', `Bearer ${token}`).send({ data: items }).expect(200);
  expect(res.body.meta.failed).toBe(0);
  return res.body.data as Array<{ documentId: string; slug: string }>;
}

const story = (n: number, extra: Record<string, unknown> = {}) => ({
  externalId: `feed/${n}`,
  status: 'published',
  title: `Story number ${n} from the coast`,
  publishedDate: `2024-01-${String(n).padStart(2, '0')}`,
  text: `Story number ${n} from the coast\n\nParagraph ${n} about the harbour, with a [link](https://example.com/${n}) and **bold** text.`,
  tags: n % 2 ? ['Odd Stories'] : ['Even Stories'],
  authors: [`Writer ${n % 3}`],
  ...extra,
});

beforeAll(async () => {
  app = await startStrapi({
    PUBLIC_CACHE_WRITE_WINDOW_MS: '0',
    FRONTEND_URL: 'https://news.example',
    FRONTEND_ARTICLE_PATH: '/stories/{slug}',
  });
  server = app.strapi.server.httpServer;
  token = await createApiToken(app.strapi, 'custom', ['plugin::content-normalizer.importer.import']);
  const items = Array.from({ length: 27 }, (_, i) => story(i + 1));
  await importItems(items.slice(0, 25));
  await importItems([
    ...items.slice(25),
    story(28, { status: 'draft', title: 'Embargoed draft story', text: 'Embargoed draft story\n\nSecret plans.' }),
    story(30, {
      authors: undefined,
      title: 'Story without a byline',
      text: 'Story without a byline\n\nNobody signed it.',
      publishedDate: '2023-12-01',
    }),
    story(29, { text: 'Hostile story\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>', title: 'Hostile story' }),
  ]);
});

afterAll(async () => {
  await app?.stop();
});

describe('feeds', () => {
  it('RSS: the newest published articles, with link, guid, date, authors, categories, summary and safe HTML', async () => {
    const res = await request(server).get('/api/feeds/articles.rss').expect(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const feed = parseFeed(res.text);
    expect(feed?.type).toBe('rss');
    const items = feed?.items ?? [];
    expect(items).toHaveLength(29);
    expect(items.map((item) => item.title)).not.toContain('Embargoed draft story');
    // Newest publishedDate first.
    expect(items[0].title).toBe('Hostile story');
    expect(items[1].title).toBe('Story number 27 from the coast');
    expect(items[1].link).toBe('https://news.example/stories/story-number-27-from-the-coast');
    expect(items[1].id).toMatch(/^urn:newsroom:article:[a-z0-9]+$/);
    expect(items[1].pubDate?.toISOString()).toBe('2024-01-27T00:00:00.000Z');
    expect(res.text).toContain('<category>Odd Stories</category>');
    expect(res.text).toMatch(/<dc:creator>|<author>/);
    // The body as HTML: rendered Markdown, nothing executable.
    expect(res.text).toContain('<strong>bold</strong>');
    expect(res.text).toContain('href="https://example.com/27"');
    for (const html of [...res.text.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((match) => match[1])) {
      const elements = findAll(() => true, parseDocument(html).children);
      for (const element of elements) {
        expect(['p', 'a', 'strong', 'em']).toContain(element.name);
        for (const [name, value] of Object.entries(element.attribs)) {
          expect(name).toBe('href');
          expect(value).toMatch(/^https:/);
        }
      }
    }
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('Atom and JSON Feed 1.1 carry the same items', async () => {
    const atom = await request(server).get('/api/feeds/articles.atom').expect(200);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const parsed = parseFeed(atom.text);
    expect(parsed?.type).toBe('atom');
    expect(parsed?.items).toHaveLength(29);

    const json = await request(server).get('/api/feeds/articles.json').expect(200);
    expect(json.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const body = JSON.parse(json.text);
    expect(body.version).toBe('https://jsonfeed.org/version/1.1');
    expect(body.items).toHaveLength(29);
    const item = body.items.find((entry: { title: string }) => entry.title === 'Story number 4 from the coast');
    expect(item).toMatchObject({
      url: 'https://news.example/stories/story-number-4-from-the-coast',
      date_published: '2024-01-04T00:00:00.000Z',
      tags: ['Even Stories'],
      authors: [{ name: 'Writer 1' }],
    });
    expect(item.content_html).toContain('<p>');
    expect(item.summary).toContain('Paragraph 4');
    const unsigned = body.items.find((entry: { title: string }) => entry.title === 'Story without a byline');
    expect(unsigned.authors).toEqual([]);
    expect(unsigned.author).toBeUndefined();
    // The guid is the same in every format.
    expect(parsed?.items.map((entry) => entry.id)).toContain(item.id);
  });

  it('narrows by tag, source and author, and refuses unknown parameters', async () => {
    const odd = parseFeed((await request(server).get('/api/feeds/articles.rss?tag=odd-stories').expect(200)).text);
    expect(odd?.items.length).toBe(15);
    const byAuthor = parseFeed((await request(server).get('/api/feeds/articles.atom?author=writer-0').expect(200)).text);
    expect(byAuthor?.items.map((item) => item.title)).toContain('Story number 27 from the coast');
    expect(byAuthor?.items.every((item) => /number (3|6|9|12|15|18|21|24|27) /.test(item.title ?? ''))).toBe(true);
    const none = JSON.parse((await request(server).get('/api/feeds/articles.json?source=nowhere').expect(200)).text);
    expect(none.items).toEqual([]);
    const bad = await request(server).get('/api/feeds/articles.rss?status=draft').expect(400);
    expect(bad.body.error).toMatchObject({ name: 'ValidationError', details: { field: 'status' } });
  });

  it('holds at most 50 items', async () => {
    await importItems(Array.from({ length: 30 }, (_, i) => story(100 + i, { publishedDate: '2023-05-01' })));
    const feed = parseFeed((await request(server).get('/api/feeds/articles.rss').expect(200)).text);
    expect(feed?.items).toHaveLength(50);
  });
});
