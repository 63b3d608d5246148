/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so the demo data set is the same on every
 * machine and run for a given seed: screenshots, tests and support conversations can refer to
 * "customer C1001000042" and mean the same person. Not for anything security related.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by integer or fractional weights; items with weight 0 are never picked. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** Random digits as a string, leading zeros kept. */
  digits(count: number): string;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seededRandom(seed: number): SeededRandom {
  const init = splitmix32(Math.trunc(seed));
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextUint = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32 mixes its state over a few rounds.
  for (let i = 0; i < 12; i += 1) nextUint();

  const self: SeededRandom = {
    next: () => nextUint() / 4294967296,
    int: (min, max) => min + Math.floor(self.next() * (max - min + 1)),
    chance: (probability) => self.next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(self.next() * items.length)]!;
    },
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      if (!(total > 0)) throw new RangeError('weighted pick needs a positive total weight');
      let roll = self.next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      // Floating-point leftovers land on the last item with weight.
      return [...items].reverse().find(([, weight]) => weight > 0)![0];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = Math.floor(self.next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
    digits: (count) => {
      let text = '';
      for (let i = 0; i < count; i += 1) text += String(Math.floor(self.next() * 10));
      return text;
    },
  };
  return self;
}

/**
 * An independent stream for one step of the generator: the seed mixed with the step's name
 * (FNV-1a), so steps can be added or changed without shifting the draws of the others.
 */
export function derivedRandom(seed: number, stream: string): SeededRandom {
  let hash = 0x811c9dc5;
  for (let i = 0; i < stream.length; i += 1) {
    hash ^= stream.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return seededRandom((Math.trunc(seed) ^ hash) >>> 0);
}
