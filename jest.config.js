/**
 * `npm test` runs every test once on the in-process Express transport, then runs the HTTP
 * contract suite (`*.http.test.ts`) again through the Lambda handler, fed events of each
 * front door's shape: the parity suite. TEST_TRANSPORT is the transport helper's one parameter.
 *
 * Single-value ALB is left out of the parity runs on purpose: that shape keeps only the last
 * of repeated query keys and headers, so a contract test that repeats a key cannot hold there.
 * test/lambda-adapter covers it (and every other shape) edge by edge.
 *
 * @type {import('jest').Config}
 */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform,
  // jose is ESM-only: let the transform compile it instead of skipping node_modules.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
};

const LAMBDA_PARITY_TRANSPORTS = [
  'rest-v1',
  'http-v2',
  'function-url',
  'alb-multi',
  'rest-v1-stream',
  'function-url-stream',
];

module.exports = {
  testTimeout: 20000,
  projects: [
    { ...common, displayName: 'express', testMatch: ['**/*.test.ts'] },
    ...LAMBDA_PARITY_TRANSPORTS.map((transport) => ({
      ...common,
      displayName: `lambda:${transport}`,
      testMatch: ['**/*.http.test.ts'],
      setupFiles: [...common.setupFiles, `<rootDir>/test/support/transport-${transport}.ts`],
    })),
  ],
};
