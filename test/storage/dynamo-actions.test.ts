import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyTable } from '../../app/idempotency/idempotency-table';
import { ItemsTable } from '../../app/items/items-table';
import { RateLimitTable } from '../../app/rate-limit/rate-limit-table';
import { startTestApi, type TestApi } from '../support/test-app';

/** One DynamoDB call as IAM sees it: the action, and the table (and index) it names. */
interface Call {
  action: string;
  table: string;
  index?: string;
}

/** lib-dynamodb's commands are the low-level actions with JavaScript values. */
const DOCUMENT_COMMANDS: Record<string, string> = {
  GetCommand: 'GetItem',
  PutCommand: 'PutItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem',
};

function recordCalls(client: DynamoDBClient, calls: Call[]): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; IndexName?: string };
      const command = String(context.commandName);
      calls.push({
        action: DOCUMENT_COMMANDS[command] ?? command.replace(/Command$/, ''),
        table: input.TableName ?? '(none)',
        ...(input.IndexName ? { index: input.IndexName } : {}),
      });
      return next(args);
    },
    { step: 'initialize', name: 'recordDynamoCalls' },
  );
}

let t: TestApi;
const calls: Call[] = [];
beforeAll(async () => {
  t = await startTestApi({
    transport: 'express',
    onClient: (client) => recordCalls(client, calls),
  });
});
afterAll(async () => {
  await t.close();
});

describe('DynamoDB actions the code sends', () => {
  it('stay within what each table module declares, which is what infra grants', async () => {
    // Table set-up (DescribeTable, CreateTable) is local only: on AWS the stack owns the tables.
    calls.length = 0;
    // Every route that touches storage, and both guards that keep their own tables.
    expect((await t.api.get('/health/ready')).status).toBe(200);
    const created = await t.api.post(
      '/v1/items',
      { name: 'Widget', status: 'active' },
      { 'Idempotency-Key': `actions-${Date.now()}` },
    );
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    const read = await t.api.get(`/v1/items/${id}`);
    expect(read.status).toBe(200);
    const etag = read.headers.etag as string;
    expect((await t.api.get('/v1/items')).status).toBe(200);
    expect((await t.api.get('/v1/items?status=active')).status).toBe(200);
    expect((await t.api.get('/v1/items/export')).status).toBe(200);
    const replaced = await t.api.put(`/v1/items/${id}`, { name: 'Gadget' }, { 'If-Match': etag });
    expect(replaced.status).toBe(200);
    const patched = await t.api.patch(`/v1/items/${id}`, { name: 'Gizmo' });
    expect(patched.status).toBe(200);
    expect((await t.api.delete(`/v1/items/${id}`)).status).toBe(204);

    const declared: Record<string, { table: readonly string[]; index: readonly string[] }> = {
      [t.config.storage.tableName]: {
        table: ItemsTable.tableActions,
        index: ItemsTable.indexActions,
      },
      [t.config.rateLimit.tableName]: {
        table: RateLimitTable.tableActions,
        index: RateLimitTable.indexActions,
      },
      [t.config.idempotency.tableName]: {
        table: IdempotencyTable.tableActions,
        index: IdempotencyTable.indexActions,
      },
    };
    const undeclared = calls.filter((c) => {
      const tableUse = declared[c.table];
      if (!tableUse) return true;
      return !(c.index ? tableUse.index : tableUse.table).includes(c.action);
    });
    expect(undeclared).toEqual([]);
    // The walk reached all three tables, and the indexes (or it proves nothing).
    expect(new Set(calls.map((c) => c.table))).toEqual(new Set(Object.keys(declared)));
    expect(calls.filter((c) => c.index).map((c) => c.index)).toEqual(
      expect.arrayContaining([ItemsTable.byCreatedIndex, ItemsTable.byStatusIndex]),
    );
  });
});
