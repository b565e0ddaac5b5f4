using System.Security.Cryptography;

namespace Etl.Domain;

/// <summary>The one way a file's content is identified: SHA-256 of its bytes, lower-case hex, read in one streaming pass.</summary>
public static class FileHash
{
    /// <summary>The SHA-256 of the file at <paramref name="path"/>.</summary>
    public static string Sha256(string path)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
