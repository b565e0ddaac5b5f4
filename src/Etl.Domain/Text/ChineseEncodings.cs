using System.Text;

namespace Etl.Domain.Text;

/// <summary>
/// GB18030, the encoding of Chinese Windows and of many government sites (a superset of GB2312 and GBK). .NET
/// ships it only through the code-pages provider, which is registered here before the encoding is asked
/// for, so no caller depends on some other class having registered it first.
/// </summary>
public static class ChineseEncodings
{
    /// <summary>GB18030 that replaces invalid bytes (for writing and for lenient reading).</summary>
    public static Encoding Gb18030 => Get(DecoderFallback.ReplacementFallback);

    /// <summary>GB18030 that throws <see cref="DecoderFallbackException"/> on bytes that are not valid GB18030.</summary>
    public static Encoding StrictGb18030 => Get(DecoderFallback.ExceptionFallback);

    private static Encoding Get(DecoderFallback fallback)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, fallback);
    }
}
