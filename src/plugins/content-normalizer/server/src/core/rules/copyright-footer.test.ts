import { isCopyrightFooter } from './copyright-footer';

describe('copyright-footer', () => {
  test.each([
    'Copyright 2024 FN, NewsRoom.',
    '© 2023 Harbor Gazette. All rights reserved.',
    '(c) 2023 Valle Press',
    'This material may not be published, broadcast, rewritten or redistributed.',
    'Todos los derechos reservados.',
    'Alle Rechte vorbehalten.',
  ])('removes %s', (s) => expect(isCopyrightFooter(s)).toBe(true));
  test.each([
    'Copyright law protects the expression of ideas, not the ideas themselves.',
    'The court said the 2019 copyright claim was filed too late.',
    'Copyright Reform in Europe',
  ])('keeps %s', (s) => expect(isCopyrightFooter(s)).toBe(false));
});
