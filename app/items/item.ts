import type { components } from '../openapi/schema';

/**
 * The item resource as the domain sees it. The body shapes are generated from openapi.yaml
 * (`npm run types` writes app/openapi/schema.d.ts; CI fails when it is stale), so the code
 * cannot drift from the contract.
 */
type Schemas = components['schemas'];

export type ItemStatus = Schemas['ItemStatus'];

export const ITEM_STATUSES: readonly ItemStatus[] = ['active', 'archived'];

/** A stored item, as every response carries it. */
export type Item = Schemas['Item'];

/** Fields a client controls (create and full replace), defaults applied. */
export type ItemFields = Pick<Item, 'name' | 'description' | 'price' | 'tags' | 'status'>;

/** Body of POST and PUT, as validated against `ItemInput`. */
export type ItemInput = Schemas['ItemInput'];

/** Body of PATCH (RFC 7396 merge patch), as validated against `ItemPatch`. */
export type ItemPatch = Schemas['ItemPatch'];

/** Fields a merge patch may remove (set to null). */
export type RemovableField = 'description' | 'price';

/** Conditional writes, as every versioned resource has them. */
export type { VersionCondition } from '../resources/version-condition';
