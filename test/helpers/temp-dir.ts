/**
 * Temporary folders for tests: each is made under the OS temp folder and removed when the test process
 * exits, whether the tests passed or failed (`npm test` runs every file in one process, test/run.ts),
 * so a test run leaves nothing behind in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (e) {
      // Not fatal to the run (e.g. a test's file system still mounted inside): say which folder is left.
      process.stderr.write(`test temp folder not removed: ${dir}: ${(e as Error).message}\n`);
    }
  }
});

/** A new empty folder `<tmp>/<prefix>XXXXXX`, removed at process exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
