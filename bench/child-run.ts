/**
 * Child process of bench/pipeline.ts: runs one remit CLI command in this process and prints, as its last
 * line, `@@child {"cpuMs":…,"maxRssMb":…}` — the process's own CPU time and peak RSS, which the parent
 * cannot read for a child from Node. Wall time (Node start-up included) is measured by the parent.
 */
import { main } from '../src/cli/main.ts';

const code = await main(process.argv.slice(2), { out: () => undefined, err: (l) => console.error(l), isTty: false });
const u = process.resourceUsage();
console.log(`@@child ${JSON.stringify({ code, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 })}`);
process.exitCode = code;
