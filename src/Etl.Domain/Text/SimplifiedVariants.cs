namespace Etl.Domain.Text;

/// <summary>
/// The traditional-to-simplified character table (<c>simplified_variants.tsv</c>, embedded; derived from the
/// Unicode Han database by <c>derive_simplified.py</c>), as a 64 K lookup array: every character maps to
/// itself unless the table names its simplified form.
/// </summary>
internal static class SimplifiedVariants
{
    public static readonly char[] Table = Load();

    private static char[] Load()
    {
        var table = new char[65536];
        for (var i = 0; i < table.Length; i++) table[i] = (char)i;
        using var stream = typeof(SimplifiedVariants).Assembly.GetManifestResourceStream("Etl.Domain.Text.simplified_variants.tsv")
                           ?? throw new InvalidOperationException("the simplified-variants table is not embedded in Etl.Domain");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length != 3 || line[1] != '\t') continue; // the header comment
            table[line[0]] = line[2];
        }
        return table;
    }
}
