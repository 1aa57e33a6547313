import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IdempotencyTable } from '../../app/idempotency/idempotency-table';
import { ItemsTable } from '../../app/items/items-table';
import { RateLimitTable } from '../../app/rate-limit/rate-limit-table';
import { RESOURCES } from '../../app/resources/registry';
import { tableNameVariable } from '../../app/resources/resource-definition';
import { ResourceTable } from '../../app/resources/resource-table';

/** What the code does with a table: its actions on the table, and on which indexes. */
interface TableUse {
  table: Table;
  tableActions: readonly string[];
  indexActions: readonly string[];
  indexNames: readonly string[];
}

export interface TablesProps {
  retainData: boolean;
}

/**
 * The items table (with the two indexes the list route queries, the same design the app and
 * its tests create locally: app/items/items-table.ts) and the short-lived tables for rate-limit
 * counters and idempotency records, which expire through TTL. Every key and TTL name comes
 * from the app's table modules, so the two can never disagree.
 */
export class Tables extends Construct {
  readonly items: Table;
  readonly rateLimits: Table;
  readonly idempotency: Table;
  /** The table of each generated resource (app/resources/registry.ts), by resource name. */
  readonly resources: ReadonlyMap<string, Table>;
  private readonly uses: TableUse[];

  constructor(scope: Construct, id: string, props: TablesProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const common = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy,
    };

    this.items = new Table(this, 'Items', {
      ...common,
      partitionKey: { name: ItemsTable.partitionKey, type: AttributeType.STRING },
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retainData,
    });
    this.items.addGlobalSecondaryIndex({
      indexName: ItemsTable.byCreatedIndex,
      partitionKey: { name: ItemsTable.listPartitionAttribute, type: AttributeType.STRING },
      sortKey: { name: ItemsTable.sortAttribute, type: AttributeType.STRING },
    });
    this.items.addGlobalSecondaryIndex({
      indexName: ItemsTable.byStatusIndex,
      partitionKey: { name: ItemsTable.statusAttribute, type: AttributeType.STRING },
      sortKey: { name: ItemsTable.sortAttribute, type: AttributeType.STRING },
    });

    this.rateLimits = new Table(this, 'RateLimits', {
      ...common,
      partitionKey: { name: RateLimitTable.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: RateLimitTable.ttlAttribute,
    });
    this.idempotency = new Table(this, 'Idempotency', {
      ...common,
      partitionKey: { name: IdempotencyTable.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: IdempotencyTable.ttlAttribute,
    });

    const resourceTables = new Map<string, Table>();
    for (const resource of RESOURCES) {
      const table = new Table(this, `Resource-${resource.name}`, {
        ...common,
        partitionKey: { name: ResourceTable.partitionKey, type: AttributeType.STRING },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: props.retainData,
      });
      table.addGlobalSecondaryIndex({
        indexName: ResourceTable.byCreatedIndex,
        partitionKey: { name: ResourceTable.listPartitionAttribute, type: AttributeType.STRING },
        sortKey: { name: ResourceTable.sortAttribute, type: AttributeType.STRING },
      });
      resourceTables.set(resource.name, table);
    }
    this.resources = resourceTables;

    this.uses = [
      {
        table: this.items,
        ...ItemsTable,
        indexNames: [ItemsTable.byCreatedIndex, ItemsTable.byStatusIndex],
      },
      { table: this.rateLimits, ...RateLimitTable, indexNames: [] },
      { table: this.idempotency, ...IdempotencyTable, indexNames: [] },
      ...[...resourceTables.values()].map((table) => ({
        table,
        ...ResourceTable,
        indexNames: [ResourceTable.byCreatedIndex],
      })),
    ];
  }

  /** Every table, for alarms: items, rate limits, idempotency, then each resource's. */
  get all(): Table[] {
    return [this.items, this.rateLimits, this.idempotency, ...this.resources.values()];
  }

  /** `<NAME>_TABLE_NAME` of each generated resource, for the function's environment. */
  get resourceEnvironment(): Record<string, string> {
    return Object.fromEntries(
      RESOURCES.map((r) => [tableNameVariable(r), this.resources.get(r.name)?.tableName ?? '']),
    );
  }

  /**
   * Least privilege, per table: exactly the actions the code sends (declared beside each
   * table's design in app/), on that table's ARN, and Query on its two named indexes only.
   * `grantReadWriteData` would add Scan, BatchGet/BatchWrite, ConditionCheck, DescribeTable and
   * every index (`index/*`), none of which the code uses.
   */
  grantUsedActions(grantee: IGrantable): void {
    for (const use of this.uses) {
      const dynamodb = (actions: readonly string[]) => actions.map((a) => `dynamodb:${a}`);
      Grant.addToPrincipal({
        grantee,
        actions: dynamodb(use.tableActions),
        resourceArns: [use.table.tableArn],
      });
      if (use.indexActions.length === 0) continue;
      Grant.addToPrincipal({
        grantee,
        actions: dynamodb(use.indexActions),
        resourceArns: use.indexNames.map((name) => `${use.table.tableArn}/index/${name}`),
      });
    }
  }
}
