import { cleanDocument } from './index';
import { isChromeLine, isEndMarker, mentionsChrome } from './page-classifier';

/**
 * Clean articles as an importer may send them: one paragraph per line, no blank lines, 30 lines or more (so the
 * whole-page pass runs on them). Each must come out exactly as it does with the pass switched off.
 */
const join = (ls: string[]) => ls.join('\n');

function expectUnchanged(text: string): void {
  const on = cleanDocument({ text });
  const off = cleanDocument({ text }, { rules: { 'boilerplate-block': false } });
  expect(on.removed.filter((x) => x.rule === 'boilerplate-block')).toEqual([]);
  expect(on.body).toBe(off.body);
}

const SHORT_NEWS = join([
  'Ferry Service Resumes After Storm',
  'By Ana Ruiz',
  'March 3, 2025',
  'PORT ELLEN — The island ferry sailed again on Tuesday, four days after the storm closed the harbour.',
  'The first crossing left at 7 a.m. with 40 passengers and a lorry of fresh bread.',
  'Islanders had waited since Friday for milk, post and medicine.',
  'The operator said the pier had been checked by divers overnight.',
  '“We would not sail until we knew it was safe,” a spokeswoman said.',
  'Two later crossings were added to clear the backlog.',
  'The school reopened at noon.',
  'Shops expect deliveries to be normal by Thursday.',
  'The storm brought winds of 130 km/h to the west coast.',
  'Several roads are still closed by fallen trees.',
  'The council asked drivers to avoid the coast road.',
  'Power was restored to most homes on Monday night.',
  'About 200 houses are still without electricity.',
  'Engineers hope to reconnect them by the weekend.',
  'The weather service expects calmer days ahead.',
  'A second, weaker front may arrive on Sunday.',
  'Fishermen will stay in port until it has passed.',
  'The harbour master said the season had been the worst in ten years.',
  'Insurance claims are expected to reach several million.',
  'A relief fund has been opened at the town hall.',
  'Donations can be made at any bank on the island.',
  'Volunteers cleared the beach of debris on Saturday.',
  'More than 60 people took part.',
  'They filled two skips with wood and plastic.',
  'The mayor thanked them in a short speech.',
  'She said the island had shown its best side.',
  'Photo: Ian Gray',
  'Reuters',
  'Additional reporting by Tom Lee',
]);

const LIST_HEAVY = join([
  'How to Pack for a Week of Hiking',
  'A good pack is light, dry and easy to reach into: this is the list our guides have used for years on the trails.',
  'Clothing',
  'Rain jacket',
  'Fleece',
  'Two shirts',
  'Hiking trousers',
  'Wool socks',
  'Sun hat',
  'Pack the clothes in dry bags, heaviest at the bottom, and keep the rain jacket at the very top of the pack.',
  'Kitchen',
  'Stove and gas',
  'Pot with lid',
  'Spoon',
  'Water filter',
  'Lighter',
  'A small stove is enough for two people; one gas canister lasts about four days if you only boil water.',
  'Safety',
  'Map and compass',
  'Head torch',
  'First aid kit',
  'Whistle',
  'Phone in a dry bag',
  'Tell someone where you are going and when you plan to be back, and check the forecast on the morning you leave.',
  'Leave at home',
  'Cotton clothes',
  'Glass bottles',
  'Anything you would be sad to lose',
  'Where to buy',
  'Mountain Supply Co.',
  'Trail Shop Berlin',
  'Outdoor Market',
  'Camp & Co',
  'Second-hand gear shops',
]);

const INTERVIEW = join([
  '“I Still Write Every Morning”',
  'The novelist Maria Kahn on routine, doubt and her new book.',
  'Interview: Lena Ott',
  'Mrs Kahn, your new novel took eight years. Why so long?',
  'Because I threw away the first version. It was finished, and it was wrong.',
  'Wrong how?',
  'It was a book about my mother, and she was not in it.',
  'Did you know at once?',
  'No.',
  'When, then?',
  'When I read it aloud to my daughter and she fell asleep after ten pages.',
  'That sounds harsh.',
  'It was the best thing that could happen.',
  'Do you still write by hand?',
  'Every morning, from six to nine, at the kitchen table.',
  'Every day?',
  'Yes.',
  'Even on holiday?',
  'Even then. My husband has stopped complaining about it.',
  'What do you read while you write?',
  'Poetry, mostly. Novels get into my sentences.',
  'Which poets?',
  'Szymborska. Always Szymborska.',
  'Your first book came out in 1994. What has changed since?',
  'Readers are faster now. They want to know on page one where the story goes.',
  'Do you give them that?',
  'Sometimes. Not this time.',
  'What comes next?',
  'A long walk. Then, maybe, short stories.',
  'Thank you for the conversation.',
  'Maria Kahn, born 1961 in Graz, lives in Vienna.',
  'Her novel “The Kitchen Table” is out now.',
]);

const ONE_LINERS = join(
  Array.from({ length: 34 }, (_, i) =>
    i === 0
      ? 'Notes From a Night Train'
      : [
          'The train left at ten.',
          'Nobody spoke.',
          'A child slept across two seats.',
          'Outside, the fields were white with frost.',
          'The conductor came by twice.',
          'He did not ask for tickets.',
          'At midnight the lights went low.',
          'Somebody laughed in the next car.',
          'Then silence again.',
          'I thought about my father.',
          'He took this train every winter.',
          'He never said why.',
        ][i % 12],
  ),
);

describe('page-classifier: clean articles come out unchanged', () => {
  test('a short news item with dateline and sign-off lines', () => expectUnchanged(SHORT_NEWS));
  test('a list-heavy article (unmarked list items, a list at the very end)', () => expectUnchanged(LIST_HEAVY));
  test('a Q&A interview with one-word answers', () => expectUnchanged(INTERVIEW));
  test('an article of many short one-line paragraphs', () => expectUnchanged(ONE_LINERS));
});

describe('page-classifier: vocabulary', () => {
  test('end-of-article markers in several languages', () => {
    for (const s of [
      'Related articles',
      'Ähnliche Beiträge',
      'Schreibe einen Kommentar',
      'Articles similaires',
      '12 Kommentare',
      '相关文章',
    ])
      expect(isEndMarker(s)).toBe(true);
    expect(isEndMarker('Related articles say the harbour board will meet again next week.')).toBe(false);
  });
  test('site furniture, and prose that only mentions its words', () => {
    for (const s of ['Teilen Sie dies mit:', '© 2024 Harbour News', 'Tous droits réservés', 'Zurück zur Übersicht', 'Wird geladen …'])
      expect(isChromeLine(s)).toBe(true);
    expect(isChromeLine('The newsletter, he said, had changed the way the town talked to itself for the better.')).toBe(false);
    expect(mentionsChrome('Cicero Newsletter')).toBe(true);
    expect(mentionsChrome('The newsletter, he said, had changed the way the town talked to itself for the better.')).toBe(false);
  });
});

const PROSE = [
  'The harbour board postponed its vote on the dredging plan on Monday after fishermen packed the public gallery.',
  'Members said they wanted an independent study of the silt before they would commit any of the money to the project.',
  'The board chair told reporters that the delay would not affect the ferry timetable for the summer season at all.',
  'Fishermen have argued for years that the channel is too shallow for the larger boats that now use the port.',
  'A spokesman for the port authority said it would publish the study as soon as it was ready for the board.',
  'The next meeting of the board is planned for July, when the study is expected to be finished and discussed.',
];

describe('page-classifier: a whole page flattened to text', () => {
  const page = join([
    'Harbour News',
    'Home',
    'Local',
    'Sport',
    'Harbour Board Delays Dredging Vote',
    ...PROSE,
    ...PROSE.map((p) => p.replace('board', 'council')),
    ...PROSE.map((p) => p.replace('harbour', 'port')),
    'Teilen Sie dies mit:',
    'Facebook',
    'Related articles',
    'New ferry timetable',
    'The summer timetable adds two crossings on Saturdays, the operator said when it presented the plan.',
    'Lifeboat crew honoured',
    'Three volunteers were given medals for the rescue of a yacht crew in the winter storm last year.',
    'Leave a comment',
    'Your email address will not be published.',
    '© 2025 Harbour News',
  ]);
  test('keeps the article', () => {
    const r = cleanDocument({ text: page });
    for (const p of PROSE) expect(r.body).toContain(p);
  });
  // The line rules take 4 of this page's 33 lines (title, "Related articles", "Leave a comment", ©): the pass must
  // still see a 33-line page, not a 29-line one below its 30-line gate.
  test('drops menus, share bar, related stories and comments, reported as boilerplate-block', () => {
    const r = cleanDocument({ text: page });
    for (const gone of [
      'Local',
      'Sport',
      'Related articles',
      'New ferry timetable',
      'Lifeboat crew honoured',
      'Leave a comment',
      'Facebook',
    ])
      expect(r.body).not.toContain(gone);
    expect(r.body).not.toContain('The summer timetable adds two crossings');
    const rules = new Map(r.removed.map((x) => [x.text, x.rule]));
    // (`Related articles` itself is a prompt-line; what follows it is this pass's.)
    expect(rules.get('New ferry timetable')).toBe('boilerplate-block');
    expect(rules.get('Lifeboat crew honoured')).toBe('boilerplate-block');
  });
  test('idempotent', () => {
    const r = cleanDocument({ text: page });
    const again = cleanDocument({ text: r.body, title: r.title });
    expect(again.removed.filter((x) => x.rule === 'boilerplate-block')).toEqual([]);
  });
});
