/** Property tests: never throws, idempotent, deterministic, every removal accounted for, linear time. */
import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { cleanDocument } from './index';

const fixturesDir = path.resolve(__dirname, '../../../fixtures');
const fixtureLines = fs
  .readdirSync(fixturesDir)
  .filter((f) => /\.(txt|md)$/.test(f))
  .flatMap((f) => fs.readFileSync(path.join(fixturesDir, f), 'utf8').split('\n'));

const JUNK = [
  'Advertisement',
  'By JANE DOE and JOHN ROE',
  'Tags: a, b',
  'Copyright 2023 X',
  '© 2024 Y. All rights reserved.',
  'Share this article',
  'Read more: x',
  'error: Content is protected !!',
  'SEAMLESS RUNNING TIGHTS',
  'Published 14 Nov 2022',
  'By the end of the year, things changed.',
  '<script>x()</script>',
  '[a](javascript:alert(1))',
  '<img src=x onerror=alert(1)>',
  '## Heading Here',
  '- list item',
  '```',
  '    code',
  '',
  '',
  'Wednesday, February 5, 2025',
  'Harbor Authority,Fishing Quotas,Port Verin',
  'PORT',
  'A Short Title Line',
  '\u0000\u0007',
  '\uD800',
  '\u202e',
  'ภาษาไทย 日本語 العربية',
];

const lineArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...fixtureLines) },
  { weight: 2, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(...fixtureLines).map((l) => l.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom(...fixtureLines).map((l) => l.toLowerCase()) },
);
const docArb = fc.array(lineArb, { maxLength: 40 }).map((ls) => ls.join('\n'));
const anyString = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 }), docArb);

const RUNS = 150;
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('properties', () => {
  test('never throws; output well-formed, no control characters or lone surrogates', () => {
    fc.assert(
      fc.property(anyString, fc.boolean(), (s, asHtml) => {
        const r = asHtml ? cleanDocument({ html: s }) : cleanDocument({ text: s });
        expect(typeof r.body).toBe('string');
        expect(r.publishedDate === null || /^\d{4}-\d{2}-\d{2}$/.test(r.publishedDate)).toBe(true);
        for (const f of [r.body, r.title, ...r.authors, ...r.tags.map((t) => t.name + t.slug)]) {
          expect(/[\u0000-\u0008\u000B-\u001F\u007F]/.test(f)).toBe(false);
          expect(LONE.test(f)).toBe(false);
        }
        for (const t of r.tags) expect(t.slug.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  test('idempotent: cleaning the cleaned body (with its title) removes nothing and changes nothing', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const r = cleanDocument({ text: s });
        const again = cleanDocument({ text: r.body, title: r.title });
        expect(again.removed).toEqual([]);
        expect(again.body).toBe(r.body);
      }),
      { numRuns: RUNS },
    );
  });

  test('deterministic', () => {
    fc.assert(
      fc.property(docArb, (s) => {
        expect(cleanDocument({ text: s })).toEqual(cleanDocument({ text: s }));
      }),
      { numRuns: 50 },
    );
  });

  test('every non-empty line is either in the body or in removed', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fixtureLines, ...JUNK.slice(0, 16)), { maxLength: 40 }), (ls) => {
        const text = ls.join('\n');
        const r = cleanDocument({ text });
        const gone = new Set(r.removed.map((x) => x.line));
        const bodyLines = new Set(r.body.split('\n').map((l) => l.replace(/^## /, '').trim()));
        ls.forEach((l, i) => {
          const t = l.trim();
          if (!t || gone.has(i + 1) || t.includes('<') || t.includes('](')) return; // defused lines are rewritten, not dropped
          expect(bodyLines.has(t.replace(/^## /, ''))).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });

  test('5 MB of text and 1 MB of binary noise: no throw, roughly linear time', () => {
    const unit = fixtureLines.join('\n') + '\n';
    const small = unit.repeat(Math.ceil(1_250_000 / unit.length));
    const big = unit.repeat(Math.ceil(5_000_000 / unit.length));
    const time = (s: string) => {
      const t0 = process.hrtime.bigint();
      cleanDocument({ text: s });
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    time(small);
    const a = time(small);
    const b = time(big);
    expect(b).toBeLessThan(Math.max(a * 10, 500)); // 4x the input, far less than quadratic
    let noise = '';
    for (let i = 0; i < 1_000_000; i++) noise += String.fromCharCode((i * 7919) % 65536);
    expect(() => cleanDocument({ text: noise })).not.toThrow();
    expect(() => cleanDocument({ html: noise.slice(0, 200_000) })).not.toThrow();
  });
});
