import { isPictureCredit, isScraperJunk } from './scraper-junk';

describe('scraper-junk', () => {
  test.each([
    'error: Content is protected !!',
    'Alert: Content is protected !!',
    'Please enable JavaScript to view the comments powered by Disqus.',
    'JavaScript is disabled in your browser.',
    'Skip to main content',
  ])('removes %s', (s) => expect(isScraperJunk(s)).toBe(true));
  test.each([
    "The site's JavaScript powers the tide tables.",
    'Content is king, the editor likes to say.',
    'Menus at the harbour cafés got shorter.',
  ])('keeps %s', (s) => expect(isScraperJunk(s)).toBe(false));
});

describe('scraper-junk beyond the seed', () => {
  test.each([
    'Skip to content',
    'Skip to footer',
    'Skip navigation',
    'Back to top',
    'Loading…',
    'Loading comments…',
    'We value your privacy. We and our partners use cookies to personalise content and ads.',
    'By continuing to use this site, you agree to our use of cookies.',
    'This website uses cookies to ensure you get the best experience.',
    'Accept all',
    'Reject all',
    'Manage cookie preferences',
    'Sign in to continue reading',
    'Already a subscriber? Log in',
    'Create a free account to keep reading',
    'Print this page',
    'Report an error',
    'View comments (12)',
    'Show comments',
    'Leave a comment',
    'Comments are closed.',
    '1 comment',
    'Your browser does not support the video tag.',
  ])('page chrome %s', (s) => expect(isScraperJunk(s)).toBe(true));
  test.each([
    'Image: Ana Ruiz/Getty Images',
    'Image: Reuters/Tom Bell',
    'Photo: AFP via Getty Images',
    'Photo: Getty Images',
    '(Photo by Lia Chen/AFP via Getty Images)',
    'Image credit: Shutterstock',
    'Foto: EFE',
    'Photo: Courtesy of the Harbor Museum',
    'Bild: dpa/Anna Müller',
  ])('picture credit %s', (s) => {
    expect(isPictureCredit(s)).toBe(true);
    expect(isScraperJunk(s)).toBe(true);
  });
  test.each(['Log in', 'Sign in', 'Register'])(
    'a lone menu word such as %s is left to boilerplate-block, for which it marks a run as site chrome',
    (s) => expect(isScraperJunk(s)).toBe(false),
  );
  test.each([
    'Photo: the harbour at dawn, before the ferries leave',
    'Photographers from Getty Images and Reuters lined the quay.',
    'Image rights are a growing source of income for the museum.',
    'Skip the queue by booking online, the ferry company advised.',
    'Back to top form, the striker scored twice.',
    'Log in problems affected the ferry booking site on Monday.',
    'Register offices will close early on Friday.',
    'Comments from the public will be accepted until May 3.',
    'Leave a comment about the plan at the town hall, officials said.',
    'Loading of the cargo resumed at noon.',
    'Cookies and cakes were sold at the harbour fair.',
    'We value your privacy, the ferry company said in a statement after the data breach.',
    'Accept all the terms or leave, the union was told.',
    'Print editions of the Gazette will cost more from March.',
  ])('news sentences using the same words are kept: %s', (s) => expect(isScraperJunk(s)).toBe(false));
});

describe('scraper-junk: credits without a label', () => {
  test.each(['(AP Photo/Ana Ruiz)', '(Reuters)', 'Getty Images', 'AFP/File', 'Photo: REUTERS/Ana Ruiz', 'Credit: Ana Ruiz/Reuters'])(
    '%s',
    (s) => expect(isScraperJunk(s)).toBe(true),
  );
  test.each(['Reuters reported the deal first.', 'Getty Images photographers were not allowed on the quay.'])('kept: %s', (s) =>
    expect(isScraperJunk(s)).toBe(false),
  );
});
