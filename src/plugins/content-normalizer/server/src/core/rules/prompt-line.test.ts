import { isAssistantLine, isPromptLine } from './prompt-line';
import { plainOf } from '../text';

describe('prompt-line', () => {
  test.each([
    'Share this article',
    'Share on Facebook',
    'Follow us on Instagram',
    'Subscribe to our newsletter',
    'Sign up for the Morning Tide newsletter',
    'Read more: Port strike ends after nine days',
    'Related: Ferry fares rise again',
    'Click here to watch the video',
    'Scroll to continue',
    'Comparte esta noticia',
    'Síguenos en redes sociales',
    'Suscríbete',
    'Lee también: El embalse baja al 18 %',
  ])('removes %s', (s) => expect(isPromptLine(s)).toBe(true));
  test.each([
    'Subscribers to the ferry pass will pay less next year.',
    'Followers of the old rules were unhappy.',
    'Sharing the road with trucks is dangerous, the report says.',
  ])('keeps %s', (s) => expect(isPromptLine(s)).toBe(false));
});

describe('prompt-line beyond the seed', () => {
  // What the rule sees of a Markdown line: the link text, as plainOf leaves it.
  const md = (s: string) => isPromptLine(plainOf(s));
  test.each([
    '[Share on X](https://x.example/intent?u=1)',
    '[Share on Facebook](https://facebook.example/sharer?u=1)',
    'Follow us on [Instagram](https://instagram.example/gazette) | [Facebook](https://facebook.example/gazette)',
    '[Facebook](https://f.example) | [X](https://x.example) | [LinkedIn](https://l.example)',
    'Share: [Facebook](https://f.example) [Twitter](https://t.example) [Email](mailto:desk@gazette.example)',
    '[Email this story](mailto:?subject=Ferry)',
    '[WhatsApp](https://wa.example/?text=1) · [Telegram](https://t.example/share)',
    '[Follow us on Google News](https://news.example/gazette)',
    'Follow Harbor Gazette on Instagram',
    'Follow @HarborGazette on X',
    'Copy link',
    'Read More »',
    'Continue reading →',
    'Click here to subscribe',
  ])('share and follow links %s', (s) => expect(md(s)).toBe(true));
  test.each([
    'Sure! Here is the article:',
    "Sure, here's the rewritten article:",
    'Certainly! Below is a 600-word news article about the ferry strike.',
    'Here is the article you requested:',
    "Here's a revised version of the article with a more neutral tone:",
    'As an AI language model, I cannot verify these claims.',
    "As an AI, I don't have access to real-time data.",
    "I hope this helps! Let me know if you'd like any changes.",
    'Let me know if you need anything else.',
    'Feel free to ask if you want a different angle.',
    'Would you like me to add quotes from local officials?',
    "I'm sorry, but I can't help with that.",
    'Note: This article was generated with the help of AI.',
    'Word count: 612',
    '(Word count: 450)',
    'Meta description: Ferry workers end a nine-day strike.',
  ])('language-model leftover %s', (s) => {
    expect(isAssistantLine(s)).toBe(true);
    expect(isPromptLine(s)).toBe(true);
  });
  test.each([
    'Share prices fell 3% in early trading in Madrid.',
    'Shares in Harbor Bank rose 4% after the results.',
    'Follow-up inspections found no further cracks.',
    'Following the vote, the mayor left without comment.',
    'She said she would follow the ferry on Instagram if it ever returned.',
    'Facebook and Instagram were down for two hours on Monday.',
    'Email, phone and letters poured into the council office.',
    'Here is the harbour the council wants to sell.',
    "Here's the story as the harbour master tells it.",
    'Sure enough, the ferry was late again.',
    'Certainly the council did not expect the vote to fail.',
    'As an aide to the mayor, she saw every draft of the plan.',
    'Let me know if you see him, the harbour master told the crew.',
    '“Let me know if anything changes,” Ruiz told the dispatcher.',
    'I hope this helps the families, the mayor said of the fund.',
    'Word of the strike spread quickly through the port.',
  ])('news sentences using the same words are kept: %s', (s) => expect(isPromptLine(s)).toBe(false));
});

describe('prompt-line: more calls to the reader', () => {
  test.each([
    'Share this:',
    'Tweet this',
    'Pin it',
    'Share via Email',
    'Follow us:',
    'Follow us on Facebook, X and Instagram',
    'Like us on Facebook',
    'Join us on Telegram',
    'Find us on Instagram',
    'Connect with us on LinkedIn',
    '[Instagram](https://i.example) · [Threads](https://th.example)',
    'Download our app',
    'Get the app',
    'Get our free newsletter delivered to your inbox',
    'Enter your email address',
    'Thank you for reading.',
    'Thanks for reading!',
    'Support independent journalism.',
    'Donate now',
    'Read next: Ferry strike ends',
    'More from Harbor Gazette',
    'Most Popular',
    'Recommended',
    'Watch: Ferry crew rescues kayaker',
    'Related Articles',
    'Also on Harbor Gazette:',
    'Okay, here’s a news article based on your notes:',
    "Of course! Here's the article.",
    'Certainly. Here is a rewritten version:',
    'I have rewritten the article to be more concise.',
  ])('%s', (s) => expect(isPromptLine(plainOf(s))).toBe(true));
  test.each([
    'Thanks to the volunteers, the lighthouse is lit again.',
    'Thank you for reading this letter, the mayor wrote.',
    'Support for the plan has grown since January.',
    'Donate blood at the harbour clinic on Friday.',
    'Join us on the quay at noon, the organisers said.',
    'More from the harbour: fishermen landed a record catch of herring in March.',
    'Watch the tide tables before you sail.',
    'Get the app working again was the first job for the new IT team.',
    'I have rewritten the rules twice, the harbour master said.',
    'Recommended reading lists were sent to every school.',
    "I've written a couple of posts in the past few months but they were all for the blog.",
    'I have updated the ferry timetable twice this year.',
  ])('kept: %s', (s) => expect(isPromptLine(s)).toBe(false));
});
