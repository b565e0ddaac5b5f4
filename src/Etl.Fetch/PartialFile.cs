using System.Text.Json;

namespace Etl.Fetch;

/// <summary>What a completed transfer brought.</summary>
/// <param name="FinalUrl">The address the bytes came from, after redirects.</param>
/// <param name="Status">200, or 206 when the transfer resumed.</param>
/// <param name="ETag">The server's validator, if any.</param>
/// <param name="LastModified">Last-Modified (RFC 1123), if any.</param>
/// <param name="ContentType">The declared media type.</param>
/// <param name="Bytes">Size of the whole file.</param>
/// <param name="Resumed">Whether it continued an earlier partial transfer.</param>
internal sealed record Download(Uri FinalUrl, int Status, string? ETag, string? LastModified, string? ContentType, long Bytes, bool Resumed);

/// <summary>
/// A download in progress, kept under <c>.fetch/partial/</c> in the raw folder (the same file system as its
/// target, so the final rename is atomic) with the validator it came with, so that a dropped transfer resumes
/// with a Range request, in this run or the next, only while the server's copy is the same.
/// </summary>
internal sealed class PartialFile(string rawRoot, string sourceId)
{
    private sealed record Meta(string Url, string? ETag, string? LastModified);

    public string Path { get; } = System.IO.Path.Combine(rawRoot, Domain.Staging.FetchProvenance.Folder, "partial", sourceId + ".part");

    private string MetaPath => Path + ".json";

    /// <summary>Bytes already held.</summary>
    public long Length => File.Exists(Path) ? new FileInfo(Path).Length : 0;

    /// <summary>The validator to send as If-Range when resuming <paramref name="url"/>, or null when no resume is possible.</summary>
    public string? ResumeValidator(Uri url)
    {
        if (Length == 0 || !File.Exists(MetaPath)) return null;
        try
        {
            var meta = JsonSerializer.Deserialize<Meta>(File.ReadAllText(MetaPath));
            return meta is not null && meta.Url == url.AbsoluteUri ? meta.ETag ?? meta.LastModified : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Opens the file to write from the start, or to append when resuming; records the validator.</summary>
    public FileStream Open(Uri url, string? etag, string? lastModified, bool append)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(MetaPath, JsonSerializer.Serialize(new Meta(url.AbsoluteUri, etag, lastModified)));
        return new FileStream(Path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>Forgets the transfer.</summary>
    public void Delete()
    {
        File.Delete(Path);
        File.Delete(MetaPath);
    }

    /// <summary>Moves the completed file to <paramref name="target"/> in one step, replacing what is there.</summary>
    public void MoveTo(string target)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Move(Path, target, overwrite: true);
        File.Delete(MetaPath);
    }
}
