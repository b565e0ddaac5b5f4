using System.Buffers.Binary;
using System.Text;

namespace Etl.Publish.Export;

/// <summary>
/// Writes the export as a Stata dataset, format 118 (Stata 14 and later; UTF-8), little-endian, after the format's
/// documentation (help dta). Variable labels carry label and unit; categories are bytes with value labels (region,
/// hu_side, method); text columns are fixed-width <c>str#</c>; whole numbers the narrowest of int, long that
/// holds them; missing values are Stata's system missing of each type. The timestamp is left empty, so the same
/// panel always gives the same bytes.
/// </summary>
public static class DtaWriter
{
    private const ushort TypeDouble = 65526;
    private const ushort TypeLong = 65528;
    private const ushort TypeInt = 65529;
    private const ushort TypeByte = 65530;
    private const int MaxStrWidth = 2045;

    private sealed record Layout(ushort Type, int Width, string Format);

    /// <summary>Writes <paramref name="export"/> to <paramref name="path"/>.</summary>
    public static void Write(PanelExport export, string path)
    {
        var columns = export.Columns;
        var layouts = columns.Select((c, i) => LayoutOf(c, export.Rows.Select(r => r[i]))).ToList();
        using var f = new FileStream(path, FileMode.Create, FileAccess.ReadWrite);
        var map = new long[14];
        void Tag(string s) => f.Write(Encoding.ASCII.GetBytes(s));
        void U16(int v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); f.Write(b); }
        void I32(int v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); f.Write(b); }
        void U64(long v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)v); f.Write(b); }
        void Fixed(string s, int width) => f.Write(Padded(s, width));

        map[0] = f.Position;
        Tag("<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>");
        U16(columns.Count);
        Tag("</K><N>");
        U64(export.Rows.Count);
        Tag("</N><label>");
        var label = Truncate(export.Title, 80);
        U16(label.Length);
        f.Write(label);
        Tag("</label><timestamp>");
        f.WriteByte(0);
        Tag("</timestamp></header>");
        map[1] = f.Position;
        Tag("<map>");
        var mapAt = f.Position;
        for (var i = 0; i < 14; i++) U64(0);
        Tag("</map>");
        map[2] = f.Position;
        Tag("<variable_types>");
        foreach (var l in layouts) U16(l.Type);
        Tag("</variable_types>");
        map[3] = f.Position;
        Tag("<varnames>");
        foreach (var c in columns) Fixed(c.Name, 129);
        Tag("</varnames>");
        map[4] = f.Position;
        Tag("<sortlist>");
        for (var i = 0; i <= columns.Count; i++) U16(0);
        Tag("</sortlist>");
        map[5] = f.Position;
        Tag("<formats>");
        foreach (var l in layouts) Fixed(l.Format, 57);
        Tag("</formats>");
        map[6] = f.Position;
        Tag("<value_label_names>");
        foreach (var c in columns) Fixed(c.Kind == ExportKind.Category ? c.CategorySet : "", 129);
        Tag("</value_label_names>");
        map[7] = f.Position;
        Tag("<variable_labels>");
        foreach (var c in columns) Fixed(c.LabelWithUnit, 321);
        Tag("</variable_labels>");
        map[8] = f.Position;
        Tag("<characteristics></characteristics>");
        map[9] = f.Position;
        Tag("<data>");
        var record = new byte[layouts.Sum(l => l.Width)];
        foreach (var row in export.Rows)
        {
            var at = 0;
            for (var i = 0; i < columns.Count; i++)
            {
                Cell(record.AsSpan(at, layouts[i].Width), layouts[i], columns[i], row[i]);
                at += layouts[i].Width;
            }
            f.Write(record);
        }
        Tag("</data>");
        map[10] = f.Position;
        Tag("<strls></strls>");
        map[11] = f.Position;
        Tag("<value_labels>");
        foreach (var set in columns.Where(c => c.Kind == ExportKind.Category).GroupBy(c => c.CategorySet).Select(g => g.First()))
        {
            var texts = set.Categories!.Select(t => Encoding.UTF8.GetBytes(t)).ToList();
            var txtlen = texts.Sum(t => t.Length + 1);
            Tag("<lbl>");
            I32(8 + 8 * texts.Count + txtlen);
            Fixed(set.CategorySet, 129);
            f.Write(new byte[3]);
            I32(texts.Count);
            I32(txtlen);
            var offset = 0;
            foreach (var t in texts)
            {
                I32(offset);
                offset += t.Length + 1;
            }
            for (var v = 1; v <= texts.Count; v++) I32(v);
            foreach (var t in texts)
            {
                f.Write(t);
                f.WriteByte(0);
            }
            Tag("</lbl>");
        }
        Tag("</value_labels>");
        map[12] = f.Position;
        Tag("</stata_dta>");
        map[13] = f.Position;
        f.Position = mapAt;
        foreach (var m in map) U64(m);
    }

    private static Layout LayoutOf(ExportColumn column, IEnumerable<object?> values)
    {
        switch (column.Kind)
        {
            case ExportKind.Category:
                return new Layout(TypeByte, 1, "%8.0g");
            case ExportKind.Real:
                return new Layout(TypeDouble, 8, "%10.0g");
            case ExportKind.Integer:
                var present = values.OfType<long>().ToList();
                if (present.All(v => v is >= -32767 and <= 32740)) return new Layout(TypeInt, 2, "%8.0g");
                if (present.All(v => v is >= -2147483647 and <= 2147483620)) return new Layout(TypeLong, 4, "%12.0g");
                return new Layout(TypeDouble, 8, "%10.0g");
            default:
                var width = Math.Max(1, values.Select(v => v is string s ? Encoding.UTF8.GetByteCount(s) : 0).DefaultIfEmpty(0).Max());
                if (width > MaxStrWidth) throw new InvalidDataException($"column {column.Name} holds text longer than {MaxStrWidth} bytes, which a .dta str column cannot hold");
                return new Layout((ushort)width, width, $"%{Math.Min(width, 244)}s");
        }
    }

    private static void Cell(Span<byte> cell, Layout layout, ExportColumn column, object? value)
    {
        switch (layout.Type)
        {
            case TypeDouble:
                if (value is null) BinaryPrimitives.WriteUInt64LittleEndian(cell, 0x7FE0000000000000UL); // system missing "."
                else BinaryPrimitives.WriteDoubleLittleEndian(cell, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case TypeLong:
                BinaryPrimitives.WriteInt32LittleEndian(cell, value is null ? 2147483621 : (int)(long)value);
                break;
            case TypeInt:
                BinaryPrimitives.WriteInt16LittleEndian(cell, value is null ? (short)32741 : (short)(long)value);
                break;
            case TypeByte:
                cell[0] = value is null ? (byte)101 : (byte)(int)value;
                break;
            default:
                cell.Clear();
                Encoding.UTF8.GetBytes((string?)value ?? "", cell);
                break;
        }
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/>, null-padded to <paramref name="width"/> (at most width − 1 bytes of text, cut at a character boundary).</summary>
    private static byte[] Padded(string text, int width)
    {
        var bytes = new byte[width];
        Truncate(text, width - 1).CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Truncate(string text, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= maxBytes) return bytes;
        var cut = maxBytes;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) cut--; // never split a character
        return bytes[..cut];
    }
}
