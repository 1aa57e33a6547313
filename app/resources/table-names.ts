import type { Config } from '../config';
import { defaultTableName, type ResourceDefinition } from './resource-definition';

/** The table a generated resource lives in: `<NAME>_TABLE_NAME`, else its default name. */
export function resourceTableName(config: Config, resource: ResourceDefinition): string {
  return config.storage.resourceTables[resource.name] ?? defaultTableName(resource);
}
