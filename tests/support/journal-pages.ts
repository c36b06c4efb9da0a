import { readFile } from 'node:fs/promises';
import { PAGE } from '../../functions/local/journal';

/** The pages of a journal file (functions/local/journal.ts) that hold anything; page 0, its header, is left out. */
export async function takenPages(file: string): Promise<number[]> {
  const bytes = await readFile(file);
  const zero = Buffer.alloc(PAGE);
  const taken: number[] = [];
  for (let page = 1; page * PAGE < bytes.length; page++) {
    if (!bytes.subarray(page * PAGE, (page + 1) * PAGE).equals(zero)) taken.push(page);
  }
  return taken;
}
