/** The first acceptance case: the project's seed document, read from ../shared (absent in users' clones). */
import fs from 'fs';
import path from 'path';
import { cleanDocument } from './index';

const repoRoot = path.resolve(__dirname, '../../../../../..');
const seedDir = path.resolve(repoRoot, '../shared/corpus/seed');
const present = fs.existsSync(seedDir);
if (!present) console.log(`seed.test: ${seedDir} is absent, skipping the seed acceptance test (it needs ../shared beside the clone).`);

interface SeedExpectation {
  title: string;
  authors: string[];
  publishedDate: string;
  readingTimeMinutes: number;
  tags: { name: string; slug: string }[];
  removed: { line: number; why: string }[];
  headings: string[];
  bodyKeepsEveryOtherNonEmptyLine: boolean;
  bodyParagraphs: number;
}

(present ? describe : describe.skip)('seed: el-salvador-prison-deal', () => {
  const text = present ? fs.readFileSync(path.join(seedDir, 'el-salvador-prison-deal.txt'), 'utf8') : '';
  const exp: SeedExpectation = present
    ? JSON.parse(fs.readFileSync(path.join(seedDir, 'el-salvador-prison-deal.expected.json'), 'utf8'))
    : ({} as SeedExpectation);
  const r = cleanDocument({ text });

  test('title', () => expect(r.title).toBe(exp.title));
  test('authors', () => expect(r.authors).toEqual(exp.authors));
  test('publishedDate', () => expect(r.publishedDate).toBe(exp.publishedDate));
  test('readingTimeMinutes', () => expect(r.readingTimeMinutes).toBe(exp.readingTimeMinutes));
  test('tags with slugs, in order', () => expect(r.tags).toEqual(exp.tags));
  test('removed lines exactly', () => expect(r.removed.map((x) => x.line)).toEqual(exp.removed.map((x) => x.line)));
  test('removed entries carry the line text', () => {
    const lines = text.split(/\r\n?|\n/);
    for (const x of r.removed) expect(x.text).toBe(lines[x.line - 1].trim());
  });
  test('headings are Markdown headings', () => {
    for (const h of exp.headings) expect(r.body.split('\n')).toContain(`## ${h}`);
  });
  test('body keeps every other non-empty line', () => {
    // The expectation says whether every line it does not list as removed must survive; it does for the seed.
    if (!exp.bodyKeepsEveryOtherNonEmptyLine) return;
    const removedLines = new Set(exp.removed.map((x) => x.line));
    const bodyLines = new Set(r.body.split('\n').map((l) => l.replace(/^## /, '').trim()));
    text.split(/\r\n?|\n/).forEach((l, i) => {
      if (l.trim() && !removedLines.has(i + 1)) expect(bodyLines.has(l.trim())).toBe(true);
    });
  });
  test('body paragraphs (headings included)', () =>
    expect(r.body.split(/\n\s*\n/).filter((b) => b.trim()).length).toBe(exp.bodyParagraphs));
  test('no problems', () => expect(r.problems).toEqual([]));
  test('idempotent on the seed', () => {
    const again = cleanDocument({ text: r.body, title: r.title });
    expect(again.removed).toEqual([]);
    expect(again.body).toBe(r.body);
  });
});
