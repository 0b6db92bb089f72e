// Fuzzed copies of a file for the readers' property tests: a few bytes overwritten, and maybe cut short.
import fc from "fast-check";

export function fuzzedCopy(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      fc.array(fc.tuple(fc.nat({max: original.length - 1}), fc.integer({min: 0, max: 255})), {
        minLength: 1,
        maxLength: 8
      }),
      fc.option(fc.nat({max: original.length - 1}), {freq: 3})
    )
    .map(([edits, cut]) => {
      const bytes = Uint8Array.from(original.subarray(0, cut ?? original.length));
      for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
      return bytes;
    });
}
