using System.Globalization;

namespace Etl.Ingest.Yearbook;

/// <summary>
/// One worksheet as read: cell values by absolute row and column (0-based, as Excel shows them minus one)
/// and the merged ranges. Header text is read through <see cref="HeaderText"/>, which gives every cell of
/// a merged range the value of its top-left cell.
/// </summary>
internal sealed class SheetCells
{
    private readonly List<object?[]?> _rows;
    private readonly Dictionary<(int Row, int Col), (int Row, int Col)> _mergedOrigin = [];

    public SheetCells(string name, List<object?[]?> rows, IEnumerable<(int Row1, int Col1, int Row2, int Col2)> merges)
    {
        Name = name;
        _rows = rows;
        foreach (var (r1, c1, r2, c2) in merges)
            for (var r = r1; r <= r2; r++)
                for (var c = c1; c <= c2; c++)
                    if (r != r1 || c != c1) _mergedOrigin[(r, c)] = (r1, c1);
        ColumnCount = rows.Count == 0 ? 0 : rows.Max(r => r?.Length ?? 0);
    }

    /// <summary>Sheet name.</summary>
    public string Name { get; }

    /// <summary>Rows in the sheet (one past the last row read).</summary>
    public int RowCount => _rows.Count;

    /// <summary>Widest row.</summary>
    public int ColumnCount { get; }

    /// <summary>The stored value of a cell (null when empty or outside the sheet).</summary>
    public object? Value(int row, int col)
    {
        if (row < 0 || row >= _rows.Count || _rows[row] is not { } cells || col < 0 || col >= cells.Length) return null;
        return cells[col];
    }

    /// <summary>The cell as text (numbers in invariant form), trimmed; empty when blank.</summary>
    public string Text(int row, int col) => Value(row, col) switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "",
    };

    /// <summary>The text of a header cell: a cell inside a merged range reads as the range's top-left cell.</summary>
    public string HeaderText(int row, int col) =>
        _mergedOrigin.TryGetValue((row, col), out var origin) ? Text(origin.Row, origin.Col) : Text(row, col);

    /// <summary>Whether a row holds no value at all.</summary>
    public bool IsBlank(int row)
    {
        if (row < 0 || row >= _rows.Count || _rows[row] is not { } cells) return true;
        foreach (var c in cells)
            if (c is not null && (c is not string s || s.Trim().Length > 0)) return false;
        return true;
    }

    /// <summary>Columns of a row that hold a value.</summary>
    public IEnumerable<int> FilledColumns(int row)
    {
        for (var c = 0; c < ColumnCount; c++)
            if (Text(row, c).Length > 0) yield return c;
    }

    /// <summary>The Excel A1 address of a 0-based cell.</summary>
    public static string A1(int row, int col)
    {
        var letters = "";
        for (var c = col + 1; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters + (row + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The locator of a cell: <c>sheet 'NAME'!C17</c>.</summary>
    public string Locator(int row, int col) => $"sheet '{Name}'!{A1(row, col)}";
}
