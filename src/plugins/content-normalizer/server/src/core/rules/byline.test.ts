import { parseByline } from './byline';

const top = (s: string) => parseByline(s, true);

describe('byline', () => {
  test('multi-author with date and reading time', () => {
    expect(top('By Mary Jones, Don Perry & Ben Emos | Wednesday, February 5, 2025 | 4 min read')).toEqual({
      authors: ['Mary Jones', 'Don Perry', 'Ben Emos'],
      date: '2025-02-05',
      dateIsUpdate: false,
      readingTime: 4,
    });
  });
  test('all-caps names come out in natural case', () => {
    expect(top('By JANE DOE and JOHN ROE')?.authors).toEqual(['Jane Doe', 'John Roe']);
  });
  test('Written by … · Updated … · N min read', () => {
    const r = top('Written by Ada Quill · Updated 5:42 PM EST, Thu February 1, 2024 · 5 min read');
    expect(r).toMatchObject({ authors: ['Ada Quill'], date: '2024-02-01', readingTime: 5 });
  });
  test('Posted on DATE by NAME', () => {
    expect(top('Posted on August 19, 2023 by Tomas Reyes')).toEqual({ authors: ['Tomas Reyes'], date: '2023-08-19' });
  });
  test('NAME | Agency | ISO date near the top, agency is not a person', () => {
    expect(top('Lena Brook | Reuters | 2024-06-01')).toMatchObject({ authors: ['Lena Brook'], date: '2024-06-01' });
    expect(parseByline('Lena Brook | Reuters | 2024-06-01', false)).toBeNull();
  });
  test('Published DATE anywhere', () => {
    expect(parseByline('Published 14 Nov 2022', false)).toMatchObject({ date: '2022-11-14' });
  });
  test('Spanish', () => {
    expect(top('Por María Ortega y Luis Prado | 5 de febrero de 2025')).toMatchObject({
      authors: ['María Ortega', 'Luis Prado'],
      date: '2025-02-05',
    });
    expect(top('Publicado el 5 de febrero de 2025 por Ana Ruiz')).toEqual({ authors: ['Ana Ruiz'], date: '2025-02-05' });
  });
  test('agencies, staff reports and editors are not people', () => {
    expect(top('By Staff Report')?.authors).toBeUndefined();
    expect(top('By The Associated Press')?.authors).toBeUndefined();
    expect(top('(Reporting by Ana Ruiz; Editing by Tim Cole)')?.authors).toEqual(['Ana Ruiz']);
    expect(top('Written by Rob Ewing Edited by Bea Byer')?.authors).toEqual(['Rob Ewing']);
    expect(top('By Jane Doe, Staff Writer')?.authors).toEqual(['Jane Doe']);
  });
  test('sentences starting with By/Por are content', () => {
    expect(top('By the end of the year, the port will reopen.')).toBeNull();
    expect(top('By 2030, the city wants every bus to be electric.')).toBeNull();
    expect(top('Por la mañana, los camiones cisterna recorrerán el valle.')).toBeNull();
    expect(top('By Monday, nobody had answered.')).toBeNull();
  });
  test('a bare date is a dateline only near the top', () => {
    expect(top('Wednesday, February 5, 2025')).toMatchObject({ date: '2025-02-05' });
    expect(parseByline('Wednesday, February 5, 2025', false)).toBeNull();
  });
});

describe('byline beyond the seed', () => {
  test.each([
    ['By Ana Ruiz and Tom Bell', ['Ana Ruiz', 'Tom Bell']],
    ['By Ana Ruiz, Reuters', ['Ana Ruiz']],
    ['By ANA RUIZ, Associated Press', ['Ana Ruiz']],
    ['By Ana Ruiz and Tom Bell, The Associated Press', ['Ana Ruiz', 'Tom Bell']],
    ['Words by Tom Bell', ['Tom Bell']],
    ['Words by Tom Bell | Photos by Lia Chen', ['Tom Bell', 'Lia Chen']],
    ['Story by Ana Ruiz', ['Ana Ruiz']],
    ['By Ana Ruiz in Madrid', ['Ana Ruiz']],
    ['By Ana Ruiz-Prado and Tom O’Neil', ['Ana Ruiz-Prado', 'Tom O’Neil']],
    ['Reporting by Ana Ruiz; Editing by Tim Cole', ['Ana Ruiz']],
    ['Reporting by Ana Ruiz in Madrid; Additional reporting by Tom Bell in London; Editing by Tim Cole', ['Ana Ruiz']],
    ['(Reporting by Ana Ruiz in Madrid and Lia Chen in Lisbon; Editing by Tim Cole and Bea Byer)', ['Ana Ruiz', 'Lia Chen']],
  ])('names: %s', (line, authors) => {
    expect(top(line)?.authors).toEqual(authors);
    // Explicit credits are bylines anywhere in the document.
    expect(parseByline(line, false)?.authors).toEqual(authors);
  });
  test.each([
    ['By Ana Ruiz | March 3, 2024', '2024-03-03'],
    ['By Ana Ruiz | 03/04/2024', '2024-03-04'],
    ['By Ana Ruiz | 4.3.2024', '2024-03-04'],
    ['By Ana Ruiz — 3 March 2024, 10:15 GMT', '2024-03-03'],
    ['By Ana Ruiz · 2024-03-03T10:15:00Z', '2024-03-03'],
    ['By Ana Ruiz on March 3, 2024', '2024-03-03'],
    ['By Ana Ruiz on 3 March 2024 at 10:15', '2024-03-03'],
    ['By Ana Ruiz | Published: Mar. 3, 2024 at 10:15 a.m.', '2024-03-03'],
    ['By Ana Ruiz, Staff Writer | Sun 3 Mar 2024 10.15 GMT', '2024-03-03'],
    ['Ana Ruiz, Reuters | March 3, 2024', '2024-03-03'],
    ['Por Ana Ruiz | 3 de marzo de 2024, 10:15', '2024-03-03'],
    ['Von Anna Müller | 03.03.2024, 10:15 Uhr', '2024-03-03'],
    ['Par Jean Dupont, le 3 mars 2024', '2024-03-03'],
  ])('names and a date in any common shape: %s', (line, date) => {
    const r = top(line);
    expect(r?.date).toBe(date);
    expect(r?.authors).toEqual([line.startsWith('Von') ? 'Anna Müller' : line.startsWith('Par') ? 'Jean Dupont' : 'Ana Ruiz']);
  });
  test('a trailing "Updated" stamp is marked as an update, so a publication date elsewhere wins', () => {
    expect(top('By Ana Ruiz, Updated 10:15 a.m. ET March 3, 2024')).toMatchObject({
      authors: ['Ana Ruiz'],
      date: '2024-03-03',
      dateIsUpdate: true,
    });
  });
  test.each([
    ['March 3, 2024 at 10:15 a.m. EST', '2024-03-03'],
    ['Updated: March 3, 2024 10:15 AM EST', '2024-03-03'],
    ['Sun 3 Mar 2024 10.15 GMT', '2024-03-03'],
  ])('date lines near the top: %s', (line, date) => expect(top(line)?.date).toBe(date));
  test('a reading time line is furniture anywhere', () => {
    expect(parseByline('3 March 2024 | 4 min read', false)).toMatchObject({ date: '2024-03-03', readingTime: 4 });
  });
  test('agency credits name nobody', () => {
    expect(top('Con información de EFE')).toEqual({});
    expect(top('With files from The Canadian Press')?.authors).toBeUndefined();
    expect(top('By Reuters Staff')).toEqual({});
  });
  test.each([
    'By Friday, the council had voted.',
    'By train, the trip takes four hours.',
    "By Ana's own account, the ferry was late.",
    '“By God, we will rebuild,” she said.',
    'Reporting on the strike has been difficult, editors say.',
    'With files from the archive, the museum rebuilt the lighthouse story.',
    'Written by hand, the letter reached the mayor on Tuesday.',
    'By March 3, 2024, the ferries were running again.',
  ])('sentences starting like credits are content: %s', (s) => {
    expect(top(s)).toBeNull();
    expect(parseByline(s, false)).toBeNull();
  });
});
