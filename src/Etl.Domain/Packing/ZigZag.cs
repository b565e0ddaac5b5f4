namespace Etl.Domain.Packing;

/// <summary>
/// Zigzag mapping of signed to unsigned integers (0, -1, 1, -2 ... to 0, 1, 2, 3 ...), so that a small difference
/// of either sign packs into a short varint. Used by the packed record index and the per-export result cache.
/// </summary>
public static class ZigZag
{
    public static long Encode(long v) => (v << 1) ^ (v >> 63);

    public static long Decode(long v) => (long)((ulong)v >> 1) ^ -(v & 1);
}
