/** The item resource as the domain sees it (mirrors `Item` in openapi.yaml). */
export type ItemStatus = 'active' | 'archived';

export const ITEM_STATUSES: readonly ItemStatus[] = ['active', 'archived'];

/** Fields a client controls (create and full replace). */
export interface ItemFields {
  name: string;
  description?: string;
  price?: number;
  tags: string[];
  status: ItemStatus;
}

export interface Item extends ItemFields {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Body of POST and PUT, as validated against `ItemInput`. */
export interface ItemInput {
  name: string;
  description?: string;
  price?: number;
  tags?: string[];
  status?: ItemStatus;
}

/** Body of PATCH (RFC 7396 merge patch), as validated against `ItemPatch`. */
export interface ItemPatch {
  name?: string;
  description?: string | null;
  price?: number | null;
  tags?: string[] | null;
  status?: ItemStatus;
}

/** Fields a merge patch may remove (set to null). */
export type RemovableField = 'description' | 'price';

/**
 * Which stored versions a conditional write accepts: `any` (the item must merely exist) or
 * an explicit list (from If-Match). An empty list can never match.
 */
export type VersionCondition = { kind: 'any' } | { kind: 'oneOf'; versions: number[] };
