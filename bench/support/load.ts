/** Closed-loop load: `concurrency` workers call `request` back to back for `seconds`; prints nothing. */
export async function measureThroughput(
  request: () => Promise<void>,
  { concurrency = 16, seconds = 5 }: { concurrency?: number; seconds?: number } = {},
): Promise<{ requests: number; perSecond: number; p50Ms: number; p99Ms: number }> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await request();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99) };
}

export function report(label: string, figures: Record<string, number | string>): void {
  const parts = Object.entries(figures).map(([key, value]) => `${key}=${typeof value === 'number' ? value.toFixed(value < 10 ? 2 : 0) : value}`);
  console.log(`${label}: ${parts.join(' ')}`);
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
