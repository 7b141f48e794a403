/** text.ts helpers whose speed tricks must not change their answers. */
import fc from 'fast-check';
import { words } from './text';

describe('words', () => {
  const split = (s: string) => (s.trim() ? s.trim().split(/\s+/) : []);
  test('the remembered last split never answers for another string', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\u00a0', 'é') }), { minLength: 1, maxLength: 8 }),
        (xs) => {
          // Each string twice in a row, then the whole list again: hits and misses of the one-entry memo.
          for (const s of [...xs.flatMap((x) => [x, x]), ...xs]) expect(words(s)).toEqual(split(s));
        },
      ),
    );
  });
  test('examples', () => {
    expect(words('  Jane   Doe ')).toEqual(['Jane', 'Doe']);
    expect(words('Jane Doe')).toEqual(['Jane', 'Doe']);
    expect(words('   ')).toEqual([]);
  });
});
