// Two projects: the pure cleaning engine (fast, no Strapi) and the API suites,
// which boot a real Strapi per test file and so must run one file at a time.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }];

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      displayName: 'engine',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swc },
      testMatch: ['<rootDir>/src/plugins/content-normalizer/server/src/**/*.test.ts'],
    },
    {
      displayName: 'api',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swc },
      testMatch: ['<rootDir>/tests/**/*.test.{js,ts}'],
      testPathIgnorePatterns: ['<rootDir>/tests/e2e/'],
    },
  ],
};
