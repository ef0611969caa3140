/**
 * Array helpers for async steps that must run one after another, in order: inside a
 * transaction each step reads what the previous one wrote, and steps started together
 * (`Promise.all`) would interleave their reads and writes.
 */
export async function mapInOrder<T, U>(items: readonly T[], step: (item: T, index: number) => Promise<U>): Promise<U[]> {
  const results: U[] = [];
  for (let i = 0; i < items.length; i++) results.push(await step(items[i]!, i));
  return results;
}

export async function forEachInOrder<T>(items: readonly T[], step: (item: T, index: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i++) await step(items[i]!, i);
}

export async function flatMapInOrder<T, U>(items: readonly T[], step: (item: T, index: number) => Promise<U | readonly U[]>): Promise<U[]> {
  const results: U[] = [];
  for (let i = 0; i < items.length; i++) {
    const value = await step(items[i]!, i);
    if (Array.isArray(value)) results.push(...(value as readonly U[]));
    else results.push(value as U);
  }
  return results;
}

export async function filterInOrder<T>(items: readonly T[], keep: (item: T, index: number) => Promise<unknown>): Promise<T[]> {
  const kept: T[] = [];
  for (let i = 0; i < items.length; i++) if (await keep(items[i]!, i)) kept.push(items[i]!);
  return kept;
}
