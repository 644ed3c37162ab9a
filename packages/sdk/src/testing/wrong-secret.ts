/**
 * A different secret of the same shape: one character near the middle is swapped with its
 * neighbour in the same class (a<->b, 0<->1, Y<->Z), so hex stays hex, base64 stays base64 and the
 * secret is still well-formed, only wrong. A prefix up to the first `_` (as in `whsec_`) is kept.
 *
 * @example
 * wrongSecret('s3cret'); // 's3cqet'
 */
export function wrongSecret(secret: string): string {
  const prefixEnd = secret.indexOf('_') + 1;
  const start = prefixEnd < secret.length ? prefixEnd : 0;
  const middle = start + Math.floor((secret.length - start) / 2);
  for (let distance = 0; distance <= secret.length; distance += 1) {
    for (const index of [middle + distance, middle - distance - 1]) {
      if (index < start || index >= secret.length) continue;
      const swapped = swapInClass(secret.charCodeAt(index));
      if (swapped !== undefined) {
        return secret.slice(0, index) + String.fromCharCode(swapped) + secret.slice(index + 1);
      }
    }
  }
  // No letter or digit to change: still a different secret.
  return `${secret}0`;
}

function swapInClass(code: number): number | undefined {
  for (const [first, size] of [
    [0x30, 10],
    [0x41, 26],
    [0x61, 26],
  ] as const) {
    const offset = code - first;
    if (offset >= 0 && offset < size) return first + (offset ^ 1);
  }
  return undefined;
}
