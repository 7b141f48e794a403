import {
  contributionChange,
  countedLines,
  isCountedLine,
  isSourceBoilerplate,
  sourceLineKey,
  sourceMemoryLimits,
  stateAfterCount,
} from './source-memory';

describe('sourceLineKey', () => {
  test('trims, collapses whitespace, folds case and Unicode compatibility forms', () => {
    expect(sourceLineKey('  Have a tip?   Write to  tips@ledger.example ')).toBe('have a tip? write to tips@ledger.example');
    expect(sourceLineKey('HAVE A TIP? WRITE TO TIPS@LEDGER.EXAMPLE')).toBe('have a tip? write to tips@ledger.example');
    // Fullwidth letters and the "ﬁ" ligature are their plain forms under NFKC.
    expect(sourceLineKey('Ｔhe Harbor Ledger is ﬁnanced by readers')).toBe('the harbor ledger is financed by readers');
  });
  test('removes Markdown decoration, so a bold or linked variant is the same line', () => {
    expect(sourceLineKey('**Have a tip?** Write to [our desk](mailto:tips@ledger.example).')).toBe(
      sourceLineKey('Have a tip? Write to our desk.'),
    );
  });
  test('digits become a placeholder: the year in a footer does not make a new line', () => {
    expect(sourceLineKey('© 2024 The Harbor Ledger. Republish under CC BY-ND 4.0.')).toBe(
      sourceLineKey('© 2025 The Harbor Ledger. Republish under CC BY-ND 3.0.'),
    );
  });
  test('the whole line is the key: a quote with other words around it is another line', () => {
    const quote = '"We will not close the port," the mayor said.';
    expect(sourceLineKey(`On Tuesday, ${quote}`)).not.toBe(sourceLineKey(quote));
  });
});

describe('counted lines', () => {
  test('short lines, few-word lines and headings are not counted', () => {
    expect(isCountedLine('Photo', sourceLineKey('Photo'))).toBe(false);
    expect(isCountedLine('Subscribe-now-for-free-today', sourceLineKey('Subscribe-now-for-free-today'))).toBe(false);
    const heading = '## Support our nonprofit newsroom today';
    expect(isCountedLine(heading, sourceLineKey(heading))).toBe(false);
    const line = 'The Harbor Ledger is a nonprofit newsroom supported by readers like you.';
    expect(isCountedLine(line, sourceLineKey(line))).toBe(true);
  });
  test('countedLines: distinct, sorted, only the included lines', () => {
    const lines = [
      'Sign up for The Morning Ledger, our free daily newsletter.',
      '',
      'The council approved the dredging budget after a four-hour debate.',
      'Sign up for The Morning Ledger, our  free daily newsletter.',
      'Advertisement here and there',
    ];
    const keys = countedLines(lines, (i) => i !== 4).map((line) => line.key);
    expect(keys).toEqual([
      'sign up for the morning ledger, our free daily newsletter.',
      'the council approved the dredging budget after a four-hour debate.',
    ]);
  });
  test('limits: given positive integers win, anything else keeps the default', () => {
    expect(sourceMemoryLimits({ minLength: 30, minWords: 0, maxLength: 2.5 })).toEqual({ minLength: 30, minWords: 3, maxLength: 400 });
  });
});

describe('when a line is boilerplate', () => {
  test('from the threshold on, unless kept', () => {
    expect(isSourceBoilerplate(2, 'counting', 3)).toBe(false);
    expect(isSourceBoilerplate(3, 'counting', 3)).toBe(true);
    expect(isSourceBoilerplate(9, 'kept', 3)).toBe(false);
    expect(stateAfterCount(3, 'counting', 3)).toBe('learned');
    expect(stateAfterCount(2, 'learned', 3)).toBe('counting');
    expect(stateAfterCount(5, 'kept', 3)).toBe('kept');
  });
  test("a document's new lines replace its old contribution", () => {
    expect(contributionChange(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual({ added: ['d'], removed: ['a'] });
    expect(contributionChange(null, ['b', 'a'])).toEqual({ added: ['a', 'b'], removed: [] });
    expect(contributionChange(['a'], ['a'])).toEqual({ added: [], removed: [] });
  });
});
