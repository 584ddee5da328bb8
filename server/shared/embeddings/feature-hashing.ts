/** FNV-1a, 32-bit: fast, stable across runs and platforms (the index depends on it). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Adds `weight` for `feature` into `vector` with a sign bit, so collisions cancel out on average instead of piling up. */
export function addHashed(vector: Float32Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  const bucket = h % vector.length;
  vector[bucket] += h & 0x80000000 ? -weight : weight;
}

export function l2Normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i] * vector[i];
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < vector.length; i++) vector[i] *= inv;
  }
  return vector;
}
