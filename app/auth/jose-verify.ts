/**
 * The part of jose that token-verifier.ts uses, in a module of its own so that it can be
 * required on the first token to verify: a `require('jose')` there would make esbuild keep all
 * of jose in dist/lambda.js (about 43 KB more, minified), since a required module's every
 * export may be used; these named re-exports keep the tree-shaking a static import gets.
 */
export { createLocalJWKSet, errors, jwtVerify } from 'jose';
