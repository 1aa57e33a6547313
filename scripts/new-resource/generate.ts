import { execFileSync } from 'node:child_process';
import { addToFeatures, addToRegistry, featureFiles, testFile } from './files';
import { namesOf, UsageError, type ResourceRequest } from './names';
import { addResourceToSpec } from './spec';
import { FileTransaction } from './transaction';

export interface GenerateOptions {
  root: string;
  /** Runs a project command (npm run types, prettier, tsc); throws when it fails. */
  run?: (command: string, args: string[]) => void;
  log?: (line: string) => void;
}

function defaultRun(root: string) {
  return (command: string, args: string[]) => {
    execFileSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  };
}

/** Why the resource cannot be generated here, if anything is in the way. */
function collisions(tx: FileTransaction, request: ResourceRequest): string[] {
  const names = namesOf(request.name);
  const found: string[] = [];
  // The registry of the tree being changed (not the one this script was loaded with).
  if (tx.read('app/resources/registry.ts').includes(`name: '${request.name}',`)) {
    found.push(`app/resources/registry.ts already has ${request.name}`);
  }
  for (const dir of [`app/${names.kebab}`, `test/${names.kebab}`]) {
    if (tx.exists(dir)) found.push(`${dir}/ exists`);
  }
  return found;
}

/**
 * Generates the resource, all or nothing: the contract (openapi.yaml), the registry and the
 * feature list, the feature folder, its contract test; then regenerates the types, formats what
 * it wrote and type-checks the project. Any failure puts every file back as it was.
 * Returns the files written.
 */
export function generateResource(request: ResourceRequest, options: GenerateOptions): string[] {
  const log = options.log ?? (() => undefined);
  const run = options.run ?? defaultRun(options.root);
  const names = namesOf(request.name);
  const tx = new FileTransaction(options.root);
  const blocked = collisions(tx, request);
  if (blocked.length) {
    throw new UsageError(`Cannot add "${request.name}": ${blocked.join('; ')}`);
  }
  try {
    log(`[1/4] openapi.yaml: /v1/${names.name}, /v1/${names.name}/{id}, ${names.type} schemas`);
    tx.write('openapi.yaml', addResourceToSpec(tx.read('openapi.yaml'), names, request));
    log(
      '[2/4] code: app/resources/registry.ts, app/features.ts, app/' +
        `${names.kebab}/, test/${names.kebab}/`,
    );
    tx.write(
      'app/resources/registry.ts',
      addToRegistry(tx.read('app/resources/registry.ts'), request),
    );
    tx.write('app/features.ts', addToFeatures(tx.read('app/features.ts'), names));
    for (const file of [...featureFiles(names), testFile(names, request)]) {
      tx.write(file.path, file.content);
    }
    log('[3/4] npm run types (app/openapi/schema.d.ts), prettier');
    tx.track('app/openapi/schema.d.ts');
    run('npm', ['run', '-s', 'types']);
    run('npx', ['prettier', '--write', ...tx.files]);
    log('[4/4] type-check (tsc --noEmit)');
    run('npx', ['tsc', '--noEmit']);
    return tx.files;
  } catch (err) {
    tx.rollback();
    const detail =
      err && typeof err === 'object' && 'stdout' in err
        ? String((err as { stdout: unknown }).stdout) +
          String((err as { stderr?: unknown }).stderr ?? '')
        : '';
    throw new Error(
      `Nothing was changed: generating ${request.name} failed, every file is back as it was.\n` +
        `${err instanceof Error ? err.message : String(err)}${detail ? `\n${detail}` : ''}`,
      { cause: err },
    );
  }
}
