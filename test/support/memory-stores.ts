import { MemoryStore } from 'express-rate-limit';
import type { AppStores } from '../../app/app';
import { MemoryItemRepository } from './memory-item-repository';

/**
 * The app's three stores in memory, for the warm benchmark and adapter tests: storage is taken
 * out of the measurement, so only framework and middleware overhead is compared with the
 * peers (which store in a Map). The benchmark sends no Idempotency-Key, so the guard only
 * passes through. Never used by the app.
 */
export function memoryStores(): AppStores {
  return {
    itemRepository: new MemoryItemRepository(),
    rateLimitStore: () => new MemoryStore(),
    idempotency: { run: (_key, _request, operation) => operation() },
  };
}
