/**
 * This project for the warm benchmark: the production app and middleware (lambda-entry, the
 * same code as lambda.ts) with storage swapped for a Map through the repository port.
 */
import { loadConfig } from '../../app/config';
import { createLambdaEntry } from '../../entry/lambda-entry';
import { memoryStores } from '../../test/support/memory-stores';

export const handler = createLambdaEntry(
  loadConfig(process.env, { defaultStorage: 'aws' }),
  memoryStores(),
);
