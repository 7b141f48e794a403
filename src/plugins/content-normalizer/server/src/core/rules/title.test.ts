import { isTitleRepeat, looksLikeTitle } from './title';

const T = 'El Niño Returns to the Pacific Coast';
describe('title', () => {
  test('repeats', () => {
    expect(isTitleRepeat(T, T, false)).toBe(true);
    expect(isTitleRepeat('EL NIÑO RETURNS TO THE PACIFIC COAST', T, false)).toBe(true);
    expect(isTitleRepeat('el niño returns to the pacific', T, true)).toBe(true);
    expect(isTitleRepeat('El Niño Returns to the Pacific Coast | Coastal Times', T, true)).toBe(true);
  });
  test('not repeats', () => {
    expect(isTitleRepeat('el niño returns to the pacific', T, false)).toBe(false);
    expect(isTitleRepeat('El Niño returns every few years, and fishermen know the signs.', T, true)).toBe(false);
    expect(isTitleRepeat('El Niño', T, true)).toBe(false);
  });
  test('title-like lines', () => {
    expect(looksLikeTitle(T)).toBe(true);
    expect(looksLikeTitle('What Comes After the Flood?')).toBe(true);
    expect(looksLikeTitle('this starts lower case')).toBe(false);
    expect(looksLikeTitle('It was a long day, and the council adjourned without a vote on the budget or the bridge.')).toBe(false);
  });
});
