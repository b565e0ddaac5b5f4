using System.Globalization;
using CsvHelper;
using Etl.Patents.Matching;

namespace Etl.Patents.Reading;

/// <summary>
/// The fields of one export record as the record rules read them, whatever the file: decoded text by column,
/// the applicant's address (joined from province, city and address columns where a vendor splits it), a
/// keyword search of a text column, and how a quarantined record is located.
/// </summary>
internal interface IRecordFields
{
    /// <summary>The text of column <paramref name="column"/> (valid until the next call).</summary>
    ReadOnlySpan<char> Text(int column);

    /// <summary>The applicant's address: the address column, after the province and city columns when the export has them.</summary>
    ReadOnlySpan<char> Address(ExportColumns columns);

    /// <summary>Searches column <paramref name="column"/> for KDT keywords.</summary>
    void Search(int column, KdtMatcher.Session session);

    /// <summary>Where the record sits, for a quarantined record: <c>line 17</c>, <c>sheet 'S' row 17</c>.</summary>
    string Locate(long line);
}

/// <summary>Fields of a CSV record: the bytes CsvHelper hands over, decoded strictly in the file's encoding.</summary>
internal readonly struct CsvRecordFields(CsvReader reader, FieldDecoder decoder) : IRecordFields
{
    public ReadOnlySpan<char> Text(int column) => decoder.Decode(reader.GetSpan(column));

    public ReadOnlySpan<char> Address(ExportColumns columns)
    {
        if (!columns.Has(ExportField.Province) && !columns.Has(ExportField.City)) return decoder.Decode(reader.GetSpan(columns[ExportField.Address]));
        // Each part is decoded into a buffer of its own and joined into the first, so no record allocates.
        var province = Part(columns, ExportField.Province, 1);
        var city = Part(columns, ExportField.City, 2);
        var address = Part(columns, ExportField.Address, 3);
        var joined = decoder.Buffer(0, province.Length + city.Length + address.Length);
        return joined[..AddressParts.Join(province, city, address, joined)];
    }

    private ReadOnlySpan<char> Part(ExportColumns columns, ExportField field, int slot) =>
        columns.Has(field) ? decoder.Decode(reader.GetSpan(columns[field]), slot) : default;

    public void Search(int column, KdtMatcher.Session session)
    {
        // UTF-8 fields are searched as bytes (the record was validated), GB18030 ones decoded first.
        var bytes = reader.GetSpan(column);
        if (decoder.IsGb18030) session.SearchText(decoder.Decode(bytes));
        else session.SearchText(bytes);
    }

    public string Locate(long line) => $"line {line.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Fields of a workbook row: cell values as the workbook stores them (text, numbers, dates).</summary>
internal readonly struct WorkbookRecordFields(object?[] cells, string sheet, int row) : IRecordFields
{
    public ReadOnlySpan<char> Text(int column) => Cell(column);

    public ReadOnlySpan<char> Address(ExportColumns columns)
    {
        if (!columns.Has(ExportField.Province) && !columns.Has(ExportField.City)) return Cell(columns[ExportField.Address]);
        var (province, city, address) = (Part(columns, ExportField.Province), Part(columns, ExportField.City), Part(columns, ExportField.Address));
        var joined = new char[province.Length + city.Length + address.Length];
        return joined.AsSpan(0, AddressParts.Join(province, city, address, joined));
    }

    private string Part(ExportColumns columns, ExportField field) => columns.Has(field) ? Cell(columns[field]) : "";

    public void Search(int column, KdtMatcher.Session session) => session.SearchText(Cell(column));

    public string Locate(long line) => $"sheet '{sheet}' row {row.ToString(CultureInfo.InvariantCulture)}";

    private string Cell(int column) => column < 0 || column >= cells.Length ? "" : WorkbookCell.Text(cells[column]);
}

/// <summary>How a workbook export's cell reads as text.</summary>
internal static class WorkbookCell
{
    /// <summary>A cell as text: numbers in invariant form without exponent, dates as yyyy-MM-dd.</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>Joins an address split over columns, without repeating a part that a later one already holds.</summary>
internal static class AddressParts
{
    /// <summary>
    /// Writes into <paramref name="destination"/> (as long as the three parts together) the province, city and address
    /// columns (an absent column is empty), each trimmed, leaving out a part that a later one holds
    /// (广东省 | 深圳市 | 广东省深圳市南山区…); returns the characters written.
    /// </summary>
    public static int Join(ReadOnlySpan<char> province, ReadOnlySpan<char> city, ReadOnlySpan<char> address, Span<char> destination)
    {
        var n = Append(province, city, address, destination, 0);
        n = Append(city, address, default, destination, n);
        return Append(address, default, default, destination, n);
    }

    private static int Append(ReadOnlySpan<char> part, ReadOnlySpan<char> later1, ReadOnlySpan<char> later2, Span<char> destination, int at)
    {
        var p = part.Trim();
        if (p.IsEmpty || later1.IndexOf(p) >= 0 || later2.IndexOf(p) >= 0) return at;
        p.CopyTo(destination[at..]);
        return at + p.Length;
    }
}
