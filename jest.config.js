/** ESM jest: sources are TypeScript ES modules, transpiled by ts-jest without type-checking (`npm run typecheck` does that). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testTimeout: 30000,
  // Jest's default on a 2-core machine is one worker. Many suites wait on child processes (the Action, Python, pre-commit,
  // Chromium), so two workers keep both cores busy.
  maxWorkers: 2,
};
