import { isAgencyStandardsLine, isCopyrightFooter, isWireCreditLine } from './copyright-footer';

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

describe('copyright-footer beyond the seed', () => {
  test.each([
    'Copyright © 2025 The Associated Press. All rights reserved.',
    'Copyright 2025 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.',
    '© 2024 Reuters',
    'Copyright ©2023 Harbor Gazette Media Ltd',
    '© Copyright 2024 Valle Press S.L.',
    '© 2022–2024 Harbor Gazette',
    'Copyright (C) 2021-2024 Harbor Gazette. Todos los derechos reservados.',
    'Copyright © Harbor Gazette',
    '© AFP 2024',
    '© dpa-infocom, dpa:240601-99-123456/3',
    'Riproduzione riservata © Copyright ANSA',
    'Tous droits réservés © Le Courrier du Lac 2024',
    'Alle Rechte vorbehalten. © Nordkurier 2024',
    'Diritti riservati.',
    'Reproduction interdite sans autorisation.',
    'All rights reserved.',
    '© EFE 2024. Está expresamente prohibida la redistribución y la redifusión de todo o parte de los contenidos de los servicios de EFE, sin previo y expreso consentimiento de la AGENCIA EFE S.A.',
    'Queda prohibida la reproducción total o parcial de esta noticia.',
  ])('notice %s', (s) => expect(isCopyrightFooter(s)).toBe(true));
  test.each([
    'Our Standards: The Thomson Reuters Trust Principles.',
    'Our Standards: The Thomson Reuters Trust Principles., opens new tab',
    "AP's standards: The Associated Press is an independent global news organization dedicated to factual reporting.",
    "Learn more about AP's standards and practices.",
    "Read AP's news values and principles.",
    "AFP's editorial standards and charter",
    'Reuters Trust Principles',
    'Learn more about our editorial standards',
    'Nuestros principios: la Agencia EFE trabaja con independencia editorial.',
  ])('wire agency standards line %s', (s) => {
    expect(isAgencyStandardsLine(s)).toBe(true);
    expect(isCopyrightFooter(s)).toBe(true);
  });
  test.each([
    'Copyright lawyers for the band said the song had been copied.',
    "Reuters' standards editor did not respond to a request for comment.",
    'The Associated Press said its standards had not changed since 2019.',
    "AP's reporting on the strike was cited by the union.",
    'Our standards have slipped, the harbour master admitted.',
    "© is the symbol printed on the ferry company's old tickets, the museum curator explained to visitors on the tour.",
    'All rights reserved, the sign on the harbour gate read, though nobody knew who had put it there or why it mattered to the town.',
  ])('prose about copyright and standards is kept: %s', (s) => expect(isCopyrightFooter(s)).toBe(false));
});

describe('copyright-footer: wire and republication credits', () => {
  test.each([
    'The Associated Press contributed to this report.',
    'Reuters contributed reporting.',
    'Associated Press writer Tom Bell contributed to this report.',
    'This article was originally published on The Conversation.',
    'This story first appeared in the Verin Gazette.',
  ])('%s', (s) => {
    expect(isWireCreditLine(s)).toBe(true);
    expect(isCopyrightFooter(s)).toBe(true);
  });
  test.each([
    'Hundreds of volunteers contributed to the rebuild of the pier.',
    'The fishermen contributed reporting skills to the citizen science project, organisers said.',
    'This article was published on Monday and updated after the council vote.',
  ])('kept: %s', (s) => expect(isCopyrightFooter(s)).toBe(false));
});
