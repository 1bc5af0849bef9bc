/**
 * How many files this process decodes and rewrites at once (`FILE_JOBS_AT_ONCE`, default 2). Each photo
 * decode takes up to ~160 MB and a core for a second or more; without a bound a burst of large uploads
 * starts them all together and every other request waits behind them, or the process runs out of memory.
 * Past the bound, jobs wait their turn in order of arrival.
 */
export function fileJobsAtOnce(): number {
  const configured = Number(process.env.FILE_JOBS_AT_ONCE ?? 2);
  return Number.isInteger(configured) && configured > 0 ? configured : 2;
}

type Slots = { running: number; waiting: (() => void)[] };

// One queue per process, also across Next's module reloads in development.
const slots: Slots = ((globalThis as { __ouvidoriaFileJobs?: Slots }).__ouvidoriaFileJobs ??= { running: 0, waiting: [] });

export async function withFileJobSlot<T>(job: () => Promise<T>): Promise<T> {
  if (slots.running >= fileJobsAtOnce()) await new Promise<void>((resolve) => slots.waiting.push(resolve));
  else slots.running += 1;
  try {
    return await job();
  } finally {
    // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
    const next = slots.waiting.shift();
    if (next) next();
    else slots.running -= 1;
  }
}

/** Jobs running and waiting now (tests and diagnostics). */
export function fileJobLoad(): { running: number; waiting: number } {
  return { running: slots.running, waiting: slots.waiting.length };
}
