/** Repeated timing of one piece of work, after a few warm-up runs: its p50 and p99, printed on one line. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function timeRuns(label: string, runs: number, work: () => unknown): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(3, runs); i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const result = { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  console.log(`${label.padEnd(34)} p50 ${result.p50.toFixed(2).padStart(8)} ms   p99 ${result.p99.toFixed(2).padStart(8)} ms`);
  return result;
}
