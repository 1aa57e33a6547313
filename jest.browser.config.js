/**
 * Real-browser tests (test/browser): Debian's Chromium driven by playwright-core. Kept out of
 * `npm test` so the main suite needs no browser; CI installs Chromium and runs
 * `npm run test:browser`. One browser per test file; files run one at a time.
 *
 * @type {import('jest').Config}
 */
const { projects } = require('./jest.config');

const express = projects.find((p) => p.displayName === 'express');

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: express.transform,
  transformIgnorePatterns: express.transformIgnorePatterns,
  setupFiles: ['<rootDir>/test/support/env.ts'],
  testTimeout: 90000,
  maxWorkers: 1,
};
