/**
 * A sweep of rows nobody needs any more, in bounded statements: `deleteBatch` deletes at most `batch` rows
 * and says how many went; it runs again while it fills its batch, at most `maxBatches` times, so one run of
 * the worker never holds a long statement. What is left waits for the next run. Returns how many rows went.
 */
export async function deleteInBatches(deleteBatch: () => Promise<number>, { batch, maxBatches }: { batch: number; maxBatches: number }): Promise<number> {
  let deleted = 0;
  for (let run = 0; run < maxBatches; run++) {
    const count = await deleteBatch();
    deleted += count;
    if (count < batch) break;
  }
  return deleted;
}
