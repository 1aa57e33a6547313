import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Router } from 'express';
import type { Clock } from '../core/clock';
import type { ListCursorCodec } from './list-cursor';
import type { ResourceDefinition, ResourceRecord } from './resource-definition';
import type { ResourceRepository } from './resource-repository';

/** What the app gives every resource's router. */
export interface ResourceRouterDeps {
  clock: Clock;
  cursors: ListCursorCodec;
}

/**
 * A generated resource as the composition sees it (app/features.ts lists them): its definition,
 * how to build its DynamoDB adapter, and how to build its router over a repository. Each
 * feature folder's index.ts exports one, wiring its own service and router classes.
 */
export interface ResourceFeature<R extends ResourceRecord = ResourceRecord> {
  resource: ResourceDefinition;
  dynamoRepository(client: DynamoDBDocumentClient, tableName: string): ResourceRepository<R>;
  router(repository: ResourceRepository<R>, deps: ResourceRouterDeps): Router;
}
