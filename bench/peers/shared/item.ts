/**
 * What every peer shares: the ItemInput contract as JSON Schema (fastify validates with it
 * directly; the OpenAPI spec embeds it), the stored Item shape, and how an accepted input
 * becomes an Item. Storage is an in-process Map per peer, so only the framework differs.
 */
import { randomUUID } from 'node:crypto';

export const ITEM_STATUSES = ['active', 'archived'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface ItemInput {
  name: string;
  description?: string;
  price?: number;
  tags?: string[];
  status?: ItemStatus;
}

export interface Item {
  id: string;
  name: string;
  description?: string;
  price?: number;
  tags: string[];
  status: ItemStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Only keywords that mean the same in JSON Schema draft-07 (fastify's Ajv) and OpenAPI 3.0
 * Schema Objects, so one literal serves both validators.
 */
export const itemInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    description: { type: 'string', maxLength: 2000 },
    price: { type: 'number', minimum: 0, maximum: 1_000_000_000_000 },
    tags: {
      type: 'array',
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 50 },
    },
    status: { type: 'string', enum: ITEM_STATUSES },
  },
} as const;

export type ItemStore = Map<string, Item>;

export function createItem(store: ItemStore, input: ItemInput): Item {
  const now = new Date().toISOString();
  const item: Item = {
    id: randomUUID(),
    name: input.name,
    // Absent optional fields stay absent rather than serialising as null.
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.price === undefined ? {} : { price: input.price }),
    tags: input.tags ?? [],
    status: input.status ?? 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  store.set(item.id, item);
  return item;
}
