/** The project's own example documents (fixtures/), each checked against its NAME.expected.json. */
import fs from 'fs';
import path from 'path';
import { cleanDocument } from './index';

const dir = path.resolve(__dirname, '../../../fixtures');

interface Expectation {
  input: 'text' | 'html';
  title: string;
  authors: string[];
  publishedDate: string | null;
  readingTimeMinutes: number;
  language?: string;
  tags: { name: string; slug: string }[];
  removed: { line: number; rule?: string }[];
  headings: string[];
  bodyMustContain?: string[];
  bodyMustNotContain?: string[];
  bodyKeepsEveryOtherNonEmptyLine: boolean;
  bodyParagraphs: number;
}

const cases = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => {
    const base = f.replace(/\.expected\.json$/, '');
    const doc = fs.readdirSync(dir).find((g) => g.startsWith(base + '.') && !g.endsWith('.expected.json'));
    return { base, doc: doc as string };
  });

test('there are at least five fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(5));

describe.each(cases)('fixture $base', ({ base, doc }) => {
  const exp: Expectation = JSON.parse(fs.readFileSync(path.join(dir, `${base}.expected.json`), 'utf8'));
  const raw = fs.readFileSync(path.join(dir, doc), 'utf8');
  const r = exp.input === 'html' ? cleanDocument({ html: raw }) : cleanDocument({ text: raw });

  test('fields', () => {
    expect(r.title).toBe(exp.title);
    expect(r.authors).toEqual(exp.authors);
    expect(r.publishedDate).toBe(exp.publishedDate);
    expect(r.readingTimeMinutes).toBe(exp.readingTimeMinutes);
    if (exp.language) expect(r.language).toBe(exp.language);
    expect(r.tags).toEqual(exp.tags);
  });
  test('removed lines and rules', () => {
    expect(r.removed.map((x) => ({ line: x.line, rule: x.rule }))).toEqual(exp.removed.map((x) => ({ line: x.line, rule: x.rule })));
  });
  test('body', () => {
    const lines = r.body.split('\n');
    for (const h of exp.headings) expect(lines).toContain(`## ${h}`);
    for (const s of exp.bodyMustContain ?? []) expect(r.body).toContain(s);
    for (const s of exp.bodyMustNotContain ?? []) expect(r.body).not.toContain(s);
    expect(r.body.split(/\n\s*\n/).filter((b) => b.trim()).length).toBe(exp.bodyParagraphs);
    if (exp.bodyKeepsEveryOtherNonEmptyLine) {
      const gone = new Set(exp.removed.map((x) => x.line));
      const kept = new Set(lines.map((l) => l.replace(/^## /, '').trim()));
      raw.split(/\r\n?|\n/).forEach((l, i) => {
        if (l.trim() && !gone.has(i + 1)) expect(kept.has(l.replace(/^## /, '').trim())).toBe(true);
      });
    }
  });
  test('idempotent', () => {
    const again = cleanDocument({ text: r.body, title: r.title });
    expect(again.removed).toEqual([]);
    expect(again.body).toBe(r.body);
  });
});
