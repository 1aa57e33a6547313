import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * All or nothing, for a change of several files: every file written through it is snapshotted
 * first (or remembered as new, with the folders created for it); `rollback` puts the tree back
 * exactly as it was.
 */
export class FileTransaction {
  private readonly originals = new Map<string, string | undefined>();
  private readonly createdDirs: string[] = [];

  constructor(private readonly root: string) {}

  private abs(file: string): string {
    return path.join(this.root, file);
  }

  read(file: string): string {
    return readFileSync(this.abs(file), 'utf8');
  }

  exists(file: string): boolean {
    return existsSync(this.abs(file));
  }

  /** Remembers a file's current content before something else (a tool) rewrites it. */
  track(file: string): void {
    if (this.originals.has(file)) return;
    this.originals.set(file, this.exists(file) ? this.read(file) : undefined);
  }

  write(file: string, content: string): void {
    this.track(file);
    const dir = path.dirname(this.abs(file));
    if (!existsSync(dir)) {
      // The outermost missing folder: removing it removes the rest.
      let top = dir;
      while (!existsSync(path.dirname(top))) top = path.dirname(top);
      this.createdDirs.push(top);
      mkdirSync(dir, { recursive: true });
    }
    writeFileSync(this.abs(file), content);
  }

  /** What this transaction wrote, new files and edited ones. */
  get files(): string[] {
    return [...this.originals.keys()];
  }

  rollback(): void {
    for (const [file, content] of this.originals) {
      if (content === undefined) rmSync(this.abs(file), { force: true });
      else writeFileSync(this.abs(file), content);
    }
    for (const dir of this.createdDirs.reverse()) rmSync(dir, { recursive: true, force: true });
  }
}
