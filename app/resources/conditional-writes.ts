import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError, PreconditionFailedError } from '../core/errors';
import { callStore } from '../storage/store-errors';
import type { VersionCondition } from './version-condition';

/**
 * What every versioned table's adapter shares (items' and each generated resource's): the
 * version condition of a conditional write, a conditional delete, what a refused write means,
 * and the newest-first Query that pages a list index.
 */

/** The condition part for a version check; its values are merged into the command. */
function versionCondition(expected: VersionCondition): {
  expression: string;
  values: Record<string, unknown>;
} {
  if (expected.kind === 'any') return { expression: 'attribute_exists(id)', values: {} };
  const values = Object.fromEntries(expected.versions.map((v, i) => [`:expected${i}`, v]));
  return {
    expression: `attribute_exists(id) AND version IN (${Object.keys(values).join(', ')})`,
    values,
  };
}

/**
 * A conditional write was refused: reading afterwards (not before) tells a missing record
 * (404) from a stale version (412); the write itself was never decided by this read.
 * (dynalite ignores ReturnValuesOnConditionCheckFailure, so the read is explicit.)
 */
export async function refusedWrite(
  read: () => Promise<unknown>,
  label: string,
  expected: VersionCondition,
): Promise<never> {
  if (!(await read())) throw new NotFoundError(`${label} does not exist`);
  const wanted = expected.kind === 'oneOf' ? expected.versions : [];
  throw new PreconditionFailedError(
    `If-Match does not match the current ETag of ${label}` +
      (wanted.length ? '' : ' (no usable strong ETag was given)'),
  );
}

/** Deletes `id` if `expected` accepts its version; else NotFoundError or PreconditionFailedError. */
export async function conditionalDelete(
  client: DynamoDBDocumentClient,
  tableName: string,
  id: string,
  expected: VersionCondition,
  refused: () => Promise<never>,
): Promise<void> {
  if (expected.kind === 'oneOf' && expected.versions.length === 0) await refused();
  const condition = versionCondition(expected);
  try {
    await callStore(() =>
      client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: { id },
          ConditionExpression: condition.expression,
          ExpressionAttributeValues: Object.keys(condition.values).length
            ? condition.values
            : undefined,
        }),
      ),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) await refused();
    throw err;
  }
}

/**
 * Sets and removes attributes of `id` and adds 1 to its version, if `expected` accepts the
 * current one; returns the record as stored after the write. `set` holds stored values (each
 * adapter converts its own types). Names reach DynamoDB only as placeholders, so any field name
 * is safe. A refused write becomes what `refused` throws (NotFound or PreconditionFailed).
 */
export async function conditionalUpdate(
  client: DynamoDBDocumentClient,
  tableName: string,
  id: string,
  change: { set: [string, unknown][]; remove: string[]; updatedAt: string },
  expected: VersionCondition,
  refused: () => Promise<never>,
): Promise<Record<string, unknown>> {
  if (expected.kind === 'oneOf' && expected.versions.length === 0) return refused();
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':one': 1, ':updatedAt': change.updatedAt };
  const sets = ['version = version + :one', 'updatedAt = :updatedAt'];
  const removed: string[] = [];
  let n = 0;
  for (const [field, value] of change.set) {
    n += 1;
    names[`#f${n}`] = field;
    values[`:f${n}`] = value;
    sets.push(`#f${n} = :f${n}`);
  }
  for (const field of change.remove) {
    n += 1;
    names[`#f${n}`] = field;
    removed.push(`#f${n}`);
  }
  const condition = versionCondition(expected);
  try {
    const out = await callStore(() =>
      client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { id },
          UpdateExpression: `SET ${sets.join(', ')}${removed.length ? ` REMOVE ${removed.join(', ')}` : ''}`,
          ConditionExpression: condition.expression,
          ExpressionAttributeNames: n ? names : undefined,
          ExpressionAttributeValues: { ...values, ...condition.values },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out.Attributes ?? {};
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return refused();
    throw err;
  }
}

export interface NewestFirstQuery {
  tableName: string;
  indexName: string;
  partition: { name: string; value: unknown };
  limit: number;
  startKey?: Record<string, unknown>;
}

/**
 * Up to `limit + 1` records of one index partition, newest first: the extra one tells whether
 * a next page exists without another, possibly empty, round trip. Loops because DynamoDB may
 * stop early at 1 MB per response.
 */
export async function queryNewestFirst(
  client: DynamoDBDocumentClient,
  query: NewestFirstQuery,
): Promise<Record<string, unknown>[]> {
  const wanted = query.limit + 1;
  const records: Record<string, unknown>[] = [];
  let startKey = query.startKey;
  do {
    const out = await callStore(() =>
      client.send(
        new QueryCommand({
          TableName: query.tableName,
          IndexName: query.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': query.partition.name },
          ExpressionAttributeValues: { ':pk': query.partition.value },
          ScanIndexForward: false,
          Limit: wanted - records.length,
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    records.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey && records.length < wanted);
  return records;
}
