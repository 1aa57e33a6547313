import { NotFoundError, PreconditionFailedError } from '../../app/core/errors';
import type { ResourceRecord } from '../../app/resources/resource-definition';
import type {
  ResourceChanges,
  ResourceListQuery,
  ResourceListResult,
  ResourceRepository,
} from '../../app/resources/resource-repository';
import type { VersionCondition } from '../../app/resources/version-condition';

/**
 * A generated resource's port over a Map, for what MemoryItemRepository serves (the warm
 * benchmark, tests of what surrounds storage). Never used by the app, nor by any test of
 * storage: those run on dynalite.
 */
export class MemoryResourceRepository implements ResourceRepository {
  private readonly records = new Map<string, ResourceRecord>();

  create(record: ResourceRecord): Promise<void> {
    if (this.records.has(record.id)) return Promise.reject(new Error(`duplicate id ${record.id}`));
    this.records.set(record.id, record);
    return Promise.resolve();
  }

  get(id: string): Promise<ResourceRecord | undefined> {
    return Promise.resolve(this.records.get(id));
  }

  list(query: ResourceListQuery): Promise<ResourceListResult<ResourceRecord>> {
    const key = (r: { createdAt: string; id: string }) => `${r.createdAt}#${r.id}`;
    const sorted = [...this.records.values()].sort((a, b) => key(b).localeCompare(key(a)));
    const after = query.after;
    const rest = after ? sorted.filter((r) => key(r) < key(after)) : sorted;
    const records = rest.slice(0, query.limit);
    const last = records[records.length - 1];
    return Promise.resolve({
      records,
      next:
        rest.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : undefined,
    });
  }

  update(
    id: string,
    changes: ResourceChanges,
    expected: VersionCondition,
  ): Promise<ResourceRecord> {
    const current = this.records.get(id);
    if (!current) return Promise.reject(new NotFoundError(`${id} does not exist`));
    if (expected.kind === 'oneOf' && !expected.versions.includes(current.version)) {
      return Promise.reject(new PreconditionFailedError(`${id} has changed`));
    }
    const kept = Object.entries(current).filter(([name]) => !changes.remove.includes(name));
    const next: ResourceRecord = {
      ...(Object.fromEntries(kept) as ResourceRecord),
      ...changes.set,
      updatedAt: changes.updatedAt,
      version: current.version + 1,
    };
    this.records.set(id, next);
    return Promise.resolve(next);
  }

  async delete(id: string, expected: VersionCondition): Promise<void> {
    await this.update(id, { set: {}, remove: [], updatedAt: '' }, expected);
    this.records.delete(id);
  }
}
