import { cleanDocument } from '../index';
import { sourceLineKey } from '../source-memory';
import { isLearnedLine } from './source-boilerplate';

// Lines of the kind a site repeats under every article (written for this test).
const NONPROFIT = 'The Harbor Ledger is a nonprofit newsroom supported by readers like you. Donate today.';
const TIP = 'Have a tip? Write to tips@harborledger.example or call 555-0142.';
const NEWSLETTER = 'Get the Ledger in your inbox: sign up for our free weekday newsletter.';
const STANDARDS = 'The Harbor Ledger follows the SPJ Code of Ethics. Read our corrections policy.';
const learned = new Set([NONPROFIT, TIP, NEWSLETTER, STANDARDS].map(sourceLineKey));

const ARTICLE = [
  'Port Authority Approves Night Ferries',
  '',
  'The port authority approved night ferries to the islands on Tuesday, ending a two-year trial.',
  '',
  '"We will not close the port," the mayor said.',
  '',
  'Ferries will leave every 90 minutes from 10 p.m. until 2 a.m. starting in May.',
  '',
  `**${NONPROFIT}**`,
  '',
  TIP.toUpperCase(),
  '',
  NEWSLETTER,
  '',
  `_${STANDARDS}_`,
].join('\n');

describe('source-boilerplate', () => {
  test.each([NONPROFIT, TIP, NEWSLETTER, STANDARDS, `  ${TIP.replace(/ /g, '  ')}  `, STANDARDS.replace('Code', 'CODE')])(
    'removes the learned line %s',
    (line) => expect(isLearnedLine(line, learned)).toBe(true),
  );
  test.each([
    // A learned line with other words around it is not the learned line.
    `Last week's editorial said it plainly: ${NONPROFIT}`,
    'Have a tip about the ferries? Write to the port authority.',
    // A heading is never removed by the memory.
    `## ${NEWSLETTER}`,
  ])('keeps %s', (line) => expect(isLearnedLine(line, learned)).toBe(false));

  test('removes and reports the learned lines; content lines stay; counted lines come back for the shell', () => {
    const result = cleanDocument({ text: ARTICLE, source: 'The Harbor Ledger' }, { sourceMemory: { lines: [...learned] } });
    const mine = result.removed.filter((r) => r.rule === 'source-boilerplate');
    expect(mine.map((r) => r.line)).toEqual([9, 11, 13, 15]);
    for (const content of ['night ferries to the islands', 'We will not close the port', 'every 90 minutes']) {
      expect(result.body).toContain(content);
    }
    expect(result.body).not.toMatch(/nonprofit newsroom|Have a tip|newsletter|Code of Ethics/i);
    // The learned lines are counted again (they are still in this document), next to its content lines.
    expect(result.sourceLines?.map((line) => line.key)).toEqual(
      expect.arrayContaining([...learned, sourceLineKey(ARTICLE.split('\n')[2])]),
    );
    expect(result.sourceLines?.find((line) => line.key === sourceLineKey(TIP))?.text).toBe(TIP.toUpperCase());
  });

  test('without a memory nothing is removed by it and no lines are listed', () => {
    const result = cleanDocument({ text: ARTICLE });
    expect(result.removed.some((r) => r.rule === 'source-boilerplate')).toBe(false);
    expect(result.sourceLines).toBeUndefined();
    expect(result.body).toContain('nonprofit newsroom');
  });

  test('switchable globally and per source, and still counting when off', () => {
    const memory = { lines: [...learned] };
    const off = cleanDocument({ text: ARTICLE }, { sourceMemory: memory, rules: { 'source-boilerplate': false } });
    expect(off.body).toContain('nonprofit newsroom');
    expect(off.sourceLines?.map((line) => line.key)).toEqual(expect.arrayContaining([...learned]));
    const perSource = { sourceMemory: memory, sources: { 'The Harbor Ledger': { rules: { 'source-boilerplate': false } } } };
    expect(cleanDocument({ text: ARTICLE, source: 'The Harbor Ledger' }, perSource).body).toContain('nonprofit newsroom');
    expect(cleanDocument({ text: ARTICLE, source: 'Other Site' }, perSource).body).not.toContain('nonprofit newsroom');
  });

  test('lines other rules removed are not counted', () => {
    const result = cleanDocument(
      { text: `${ARTICLE}\n\nAdvertisement\n\nCopyright 2024 The Harbor Ledger. All rights reserved.` },
      { sourceMemory: { lines: [] } },
    );
    expect(result.sourceLines?.some((line) => line.key.includes('all rights reserved'))).toBe(false);
    expect(result.sourceLines?.length).toBeGreaterThan(0);
  });
});
