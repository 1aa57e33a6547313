import type { ListPosition } from './list-cursor';
import type { ResourceRecord } from './resource-definition';
import type { VersionCondition } from './version-condition';

export interface ResourceListQuery {
  limit: number;
  after?: ListPosition;
}

export interface ResourceListResult<R extends ResourceRecord> {
  records: R[];
  /** Present only when more records follow. */
  next?: ListPosition;
}

/** A partial update: fields to set, optional fields to remove. */
export interface ResourceChanges {
  set: Record<string, unknown>;
  remove: string[];
  updatedAt: string;
}

/**
 * The storage port of a generated resource, as ItemRepository is for items. Writes are
 * conditional and atomic: each adds 1 to `version` and fails with NotFoundError (no such
 * record) or PreconditionFailedError (version not accepted) rather than overwriting blindly;
 * failures to reach the store raise StoreUnavailableError.
 */
export interface ResourceRepository<R extends ResourceRecord = ResourceRecord> {
  /** Stores a new record; its id must not exist yet. */
  create(record: R): Promise<void>;
  get(id: string): Promise<R | undefined>;
  /** Newest first (createdAt, then id, descending). */
  list(query: ResourceListQuery): Promise<ResourceListResult<R>>;
  /** Sets and removes the given fields. */
  update(id: string, changes: ResourceChanges, expected: VersionCondition): Promise<R>;
  delete(id: string, expected: VersionCondition): Promise<void>;
}
