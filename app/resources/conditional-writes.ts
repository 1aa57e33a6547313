import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, PreconditionFailedError } from '../core/errors';
import { callStore } from '../storage/store-errors';
import type { VersionCondition } from './version-condition';

/**
 * What every versioned table's adapter shares (items' and each generated resource's): the
 * version condition of a conditional write, a conditional delete, what a refused write means,
 * and the newest-first Query that pages a list index.
 */

/** The condition part for a version check; its values are merged into the command. */
export function versionCondition(expected: VersionCondition): {
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
