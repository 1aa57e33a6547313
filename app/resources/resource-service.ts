import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import { NotFoundError } from '../core/errors';
import type { ListCursorCodec } from './list-cursor';
import type { ResourceDefinition, ResourceRecord } from './resource-definition';
import type { ResourceRepository } from './resource-repository';
import type { VersionCondition } from './version-condition';

/** One page of a list, as `<Name>Page` in openapi.yaml. */
export interface ResourcePage<R> {
  items: R[];
  nextCursor?: string;
}

/**
 * The use cases of a generated resource: create, read, list (cursor pages, newest first),
 * full replace, merge patch (RFC 7396), delete; conditional writes through VersionCondition.
 * Bodies reaching it were validated against openapi.yaml. Knows nothing of HTTP or DynamoDB.
 */
export class ResourceService<R extends ResourceRecord = ResourceRecord> {
  private readonly fieldNames: string[];
  private readonly optional: string[];

  constructor(
    readonly resource: ResourceDefinition,
    private readonly repository: ResourceRepository<R>,
    private readonly clock: Clock,
    private readonly cursors: ListCursorCodec,
  ) {
    this.fieldNames = resource.fields.map((f) => f.name);
    this.optional = resource.fields.filter((f) => !f.required).map((f) => f.name);
  }

  /** The declared fields of a body (the validator refused any other). */
  private fieldsOf(body: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      this.fieldNames.filter((n) => body[n] !== undefined).map((n) => [n, body[n]]),
    );
  }

  async create(input: Record<string, unknown>): Promise<R> {
    const now = this.clock.now().toISOString();
    const record = {
      ...this.fieldsOf(input),
      id: randomUUID(),
      version: 1,
      createdAt: now,
      updatedAt: now,
    } as R;
    await this.repository.create(record);
    return record;
  }

  async get(id: string): Promise<R> {
    const record = await this.repository.get(id);
    if (!record) throw new NotFoundError(`${this.resource.name}/${id} does not exist`);
    return record;
  }

  async list(query: { limit: number; cursor?: string }): Promise<ResourcePage<R>> {
    const after = query.cursor ? this.cursors.decode(query.cursor, undefined) : undefined;
    const page = await this.repository.list({ limit: query.limit, after });
    return {
      items: page.records,
      ...(page.next ? { nextCursor: this.cursors.encode(page.next, undefined) } : {}),
    };
  }

  /** Full replace: every declared field from the body; an omitted optional field is removed. */
  replace(id: string, input: Record<string, unknown>, expected: VersionCondition): Promise<R> {
    const set = this.fieldsOf(input);
    const remove = this.optional.filter((n) => set[n] === undefined);
    return this.repository.update(
      id,
      { set, remove, updatedAt: this.clock.now().toISOString() },
      expected,
    );
  }

  /** RFC 7396 on a flat object: a value sets the field, null removes it (optional fields). */
  update(id: string, patch: Record<string, unknown>, expected: VersionCondition): Promise<R> {
    const set: Record<string, unknown> = {};
    const remove: string[] = [];
    for (const name of this.fieldNames) {
      if (patch[name] === null) remove.push(name);
      else if (patch[name] !== undefined) set[name] = patch[name];
    }
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
