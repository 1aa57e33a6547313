import { NotFoundError, PreconditionFailedError } from '../../app/core/errors';
import type { Item, ItemFields, VersionCondition } from '../../app/items/item';
import type {
  ItemChanges,
  ItemRepository,
  ListQuery,
  ListResult,
} from '../../app/items/item-repository';

/**
 * The items port over a Map, for the warm benchmark (it takes storage out of the measurement
 * so that only framework and middleware overhead is compared with the peers, which store in a
 * Map too) and for tests of what surrounds storage (secrets, logs, metrics). Never used by the
 * app, nor by any test of storage: those run on dynalite.
 */
export class MemoryItemRepository implements ItemRepository {
  private readonly items = new Map<string, Item>();

  create(item: Item): Promise<void> {
    if (this.items.has(item.id)) return Promise.reject(new Error(`duplicate id ${item.id}`));
    this.items.set(item.id, item);
    return Promise.resolve();
  }

  get(id: string): Promise<Item | undefined> {
    const item = this.items.get(id);
    return Promise.resolve(item);
  }

  list(query: ListQuery): Promise<ListResult> {
    const sorted = [...this.items.values()]
      .filter((i) => !query.status || i.status === query.status)
      .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
    const start = query.after
      ? sorted.findIndex(
          (i) => `${i.createdAt}#${i.id}` < `${query.after?.createdAt}#${query.after?.id}`,
        )
      : 0;
    const page = start < 0 ? [] : sorted.slice(start, start + query.limit);
    const last = page[page.length - 1];
    const more = start >= 0 && sorted.length > start + query.limit;
    return Promise.resolve({
      items: page,
      next: more && last ? { createdAt: last.createdAt, id: last.id } : undefined,
    });
  }

  replace(
    id: string,
    fields: ItemFields,
    updatedAt: string,
    expected: VersionCondition,
  ): Promise<Item> {
    return this.write(id, expected, (item) => {
      const { description: _d, price: _p, ...rest } = item;
      return { ...rest, ...fields, updatedAt };
    });
  }

  update(id: string, changes: ItemChanges, expected: VersionCondition): Promise<Item> {
    return this.write(id, expected, (item) => {
      const next: Item = { ...item, ...changes.set, updatedAt: changes.updatedAt };
      if (changes.remove.includes('description')) delete next.description;
      if (changes.remove.includes('price')) delete next.price;
      return next;
    });
  }

  async delete(id: string, expected: VersionCondition): Promise<void> {
    await this.write(id, expected, (item) => item);
    this.items.delete(id);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  private write(
    id: string,
    expected: VersionCondition,
    change: (item: Item) => Item,
  ): Promise<Item> {
    const current = this.items.get(id);
    if (!current) return Promise.reject(new NotFoundError(`Item ${id} does not exist`));
    if (expected.kind === 'oneOf' && !expected.versions.includes(current.version)) {
      return Promise.reject(new PreconditionFailedError(`Item ${id} has changed`));
    }
    const next = { ...change(current), version: current.version + 1 };
    this.items.set(id, next);
    return Promise.resolve(next);
  }
}
