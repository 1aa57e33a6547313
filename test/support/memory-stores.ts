import { MemoryStore } from 'express-rate-limit';
import type { AppStores } from '../../app/app';
import { RESOURCES } from '../../app/resources/registry';
import { MemoryItemRepository } from './memory-item-repository';
import { MemoryResourceRepository } from './memory-resource-repository';

/**
 * The app's stores in memory, for the warm benchmark and adapter tests: storage is taken
 * out of the measurement, so only framework and middleware overhead is compared with the
 * peers (which store in a Map). The benchmark sends no Idempotency-Key, so the guard only
 * passes through. Never used by the app.
 */
export function memoryStores(): AppStores {
  return {
    itemRepository: new MemoryItemRepository(),
    rateLimitStore: () => new MemoryStore(),
    idempotency: { run: (_key, _request, operation) => operation() },
    resourceRepositories: Object.fromEntries(
      RESOURCES.map((r) => [r.name, new MemoryResourceRepository()]),
    ),
  };
}
