/**
 * Test entry point (`npm test`): finds every `*.test.ts` below test/ (sorted, so the order is stable),
 * and runs them as one uvu session. An optional argument filters by path substring:
 *   npm test -- stats/proportions
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)));
const filter = process.argv[2] ?? '';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'fixtures' || name === 'artifacts' || name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = findTests(root).filter((f) => relative(root, f).includes(filter));
if (files.length === 0) {
  console.error(`no test files match "${filter}"`);
  process.exit(1);
}
const suites = files.map((file) => ({ name: relative(root, file), file }));
// uvu/run defers each file's test.run() and prints one summary; it sets exitCode 1 on any failure.
const { run } = (await import('uvu/run' as string)) as { run: (s: typeof suites, o: { bail?: boolean }) => Promise<void> };
await run(suites, { bail: false });
