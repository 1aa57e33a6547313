import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { components } from '../openapi/schema';
import { NotFoundError } from '../core/errors';
import type {
  Item,
  ItemFields,
  ItemInput,
  ItemPatch,
  ItemStatus,
  RemovableField,
  VersionCondition,
} from './item';
import type { IdempotencyGuard } from '../idempotency/idempotency-guard';
import type { ItemRepository, ListPosition } from './item-repository';
import type { ListCursorCodec } from '../resources/list-cursor';

/** The export reads the store this many items at a time (the list route's largest page). */
export const EXPORT_PAGE_SIZE = 100;

/** One page of a list, as `ItemPage` in openapi.yaml. */
export type ItemPage = components['schemas']['ItemPage'];

function fieldsFrom(input: ItemInput): ItemFields {
  return {
    name: input.name,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.price === undefined ? {} : { price: input.price }),
    tags: input.tags ?? [],
    status: input.status ?? 'active',
  };
}

/** Items use cases. Knows nothing of HTTP or DynamoDB. */
export class ItemService {
  constructor(
    private readonly repository: ItemRepository,
    private readonly clock: Clock,
    private readonly cursors: ListCursorCodec,
    private readonly idempotency: IdempotencyGuard,
  ) {}

  /**
   * Creates an item. With an idempotency key, a repeat of the same request (same caller, key
   * and input) returns the item the first one created instead of creating another.
   */
  async create(
    input: ItemInput,
    options: { idempotencyKey?: string; caller?: string } = {},
  ): Promise<Item> {
    if (options.idempotencyKey === undefined) return this.createNow(input);
    // A JSON pair, not `caller#key`: both parts may contain any separator, and a joined string
    // would let caller `alice` with key `x#k1` share a record with caller `alice#x`, key `k1`.
    const key = JSON.stringify([options.caller ?? '', options.idempotencyKey]);
    return this.idempotency.run(key, input, () => this.createNow(input));
  }

  private async createNow(input: ItemInput): Promise<Item> {
    const now = this.clock.now().toISOString();
    const item: Item = {
      id: randomUUID(),
      ...fieldsFrom(input),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.repository.create(item);
    return item;
  }

  async get(id: string): Promise<Item> {
    const item = await this.repository.get(id);
    if (!item) throw new NotFoundError(`Item ${id} does not exist`);
    return item;
  }

  async list(query: { limit: number; status?: ItemStatus; cursor?: string }): Promise<ItemPage> {
    const after = query.cursor ? this.cursors.decode(query.cursor, query.status) : undefined;
    const page = await this.repository.list({ limit: query.limit, status: query.status, after });
    return {
      items: page.items,
      ...(page.next ? { nextCursor: this.cursors.encode(page.next, query.status) } : {}),
    };
  }

  /**
   * Every item (only `status`, when given), newest first, one store page at a time: the next
   * page is read only when the consumer asks for it, so memory holds one page however many
   * items there are, and a consumer that stops (a client gone) stops the reads.
   */
  async *export(query: { status?: ItemStatus }): AsyncGenerator<Item[]> {
    let after: ListPosition | undefined;
    do {
      const page = await this.repository.list({
        limit: EXPORT_PAGE_SIZE,
        status: query.status,
        after,
      });
      if (page.items.length > 0) yield page.items;
      after = page.next;
    } while (after);
  }

  replace(id: string, input: ItemInput, expected: VersionCondition): Promise<Item> {
    return this.repository.replace(id, fieldsFrom(input), this.clock.now().toISOString(), expected);
  }

  /** RFC 7396 on a flat object: a value sets the field, null removes it (tags: empties it). */
  update(id: string, patch: ItemPatch, expected: VersionCondition): Promise<Item> {
    const set: Partial<ItemFields> = {};
    const remove: RemovableField[] = [];
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.tags !== undefined) set.tags = patch.tags ?? [];
    if (patch.description === null) remove.push('description');
    else if (patch.description !== undefined) set.description = patch.description;
    if (patch.price === null) remove.push('price');
    else if (patch.price !== undefined) set.price = patch.price;
    return this.repository.update(
      id,
      { set, remove, updatedAt: this.clock.now().toISOString() },
      expected,
    );
  }

  delete(id: string, expected: VersionCondition): Promise<void> {
    return this.repository.delete(id, expected);
  }
}
