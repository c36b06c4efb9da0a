import { machine, printSection } from './report';
import { scaleBench } from './scale';

/**
 * `npm run bench -- --scale[=staff] [--dynamodb-local | --endpoint=URL] [--concurrency=N]`: the
 * scale benchmark alone; prints the stages and ends `scale budgets: N/N met`.
 * Returns the exit code (1 when a budget is missed). Writes no file: the
 * stage table in docs/BENCHMARKS.md is copied from a run by hand, with the
 * machine and its load.
 */
export async function scaleMain(args: string[]): Promise<number> {
  const value = (flag: string) => {
    const a = args.find((x) => x === flag || x.startsWith(`${flag}=`));
    if (!a) return undefined;
    return a.includes('=') ? a.slice(flag.length + 1) : undefined;
  };
  const staff = Number(value('--scale') ?? 100_000);
  const concurrency = Number(value('--concurrency') ?? 50);
  const local = args.includes('--dynamodb-local')
    ? await (await import('../dynamodb-local')).startDynamoDbLocal()
    : undefined;
  const endpoint = local?.endpoint ?? value('--endpoint');
  if (!Number.isInteger(staff) || staff < 1_000) throw new Error('--scale=N needs at least 1,000 staff');
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error('--concurrency=N needs a whole number');
  const units = Math.max(15, Math.round((1_500 * staff) / 100_000));
  const host = machine();
  console.log(
    `koe bench --scale: ${staff.toLocaleString('en')} staff, ${units.toLocaleString('en')} units, ${concurrency} in flight, ${local ? `DynamoDB Local at ${endpoint}` : endpoint ? `endpoint ${endpoint}` : 'embedded store on disk'} — ${host.cpu}, ${host.cores} cores, ${host.memory}, node ${host.node}, load ${host.load}`,
  );
  const started = performance.now();
  let section: Awaited<ReturnType<typeof scaleBench>>;
  try {
    section = await scaleBench({ staff, units, concurrency, ...(endpoint ? { endpoint } : {}) });
  } finally {
    local?.stop();
  }
  printSection(section);
  const rows = section.rows.filter((r) => r.budget);
  console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s; load at the end ${machine().load}`);
  console.log(`scale budgets: ${rows.filter((r) => r.met).length}/${rows.length} met`);
  return rows.every((r) => r.met) ? 0 : 1;
}
