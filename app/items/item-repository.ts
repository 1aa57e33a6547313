import type { ListPosition } from '../resources/list-cursor';
import type { Item, ItemFields, ItemStatus, RemovableField, VersionCondition } from './item';

export type { ListPosition };

export interface ListQuery {
  limit: number;
  status?: ItemStatus;
  after?: ListPosition;
}

export interface ListResult {
  items: Item[];
  /** Present only when more items follow. */
  next?: ListPosition;
}

export interface ItemChanges {
  set: Partial<ItemFields>;
  remove: RemovableField[];
  updatedAt: string;
}

/**
 * The storage port for items. Writes are conditional and atomic: each one bumps `version` by
 * one and fails with NotFoundError (no such item) or PreconditionFailedError (version not
 * accepted) rather than overwriting blindly. Failures to reach the store raise
 * StoreUnavailableError.
 */
export interface ItemRepository {
  /** Stores a new item; its id must not exist yet. */
  create(item: Item): Promise<void>;
  get(id: string): Promise<Item | undefined>;
  /** Newest first (createdAt, then id, descending). */
  list(query: ListQuery): Promise<ListResult>;
  /** Full replace of the client-controlled fields; absent optional fields are removed. */
  replace(
    id: string,
    fields: ItemFields,
    updatedAt: string,
    expected: VersionCondition,
  ): Promise<Item>;
  /** Partial update: sets and removes the given fields. */
  update(id: string, changes: ItemChanges, expected: VersionCondition): Promise<Item>;
  delete(id: string, expected: VersionCondition): Promise<void>;
  /** Cheap round trip proving the store answers (readiness). */
  ping(): Promise<void>;
}
