// Two projects: the pure cleaning engine (fast, no Strapi) and the API suites,
// which boot a real Strapi per test file and so must run one file at a time.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }];
// Jest's module loader cannot require ES modules (Node can): the Markdown parser and its parts are ESM-only,
// so they are compiled to CommonJS for the tests like the project's own files.
const esmOnly = [
  'mdast-util-',
  'micromark',
  'unist-util-',
  'decode-named-character-reference',
  'character-entities',
  'devlop',
  'marked',
  'feed/',
  '@apidevtools/json-schema-ref-parser',
];
const transformIgnorePatterns = [`/node_modules/(?!(${esmOnly.join('|')}))`];

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'engine',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swc },
      testMatch: ['<rootDir>/src/plugins/content-normalizer/server/src/**/*.test.ts'],
      transformIgnorePatterns,
    },
    {
      displayName: 'api',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swc },
      testMatch: ['<rootDir>/tests/**/*.test.{js,ts}'],
      transformIgnorePatterns,
      testPathIgnorePatterns: ['<rootDir>/tests/e2e/'],
    },
  ],
};
