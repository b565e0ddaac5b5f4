namespace Etl.Simulator.Writers.Yearbook;

/// <summary>A worksheet being composed: cells (text or number) and merged ranges, 0-based.</summary>
internal sealed class SheetGrid(string name)
{
    private readonly SortedDictionary<(int Row, int Col), object> _cells = [];
    private readonly List<(int Row1, int Col1, int Row2, int Col2)> _merges = [];

    public string Name { get; } = name;

    /// <summary>Next free row (one past the last written).</summary>
    public int NextRow { get; private set; }

    public IEnumerable<KeyValuePair<(int Row, int Col), object>> Cells => _cells;

    public IReadOnlyList<(int Row1, int Col1, int Row2, int Col2)> Merges => _merges;

    public int ColumnCount => _cells.Count == 0 ? 0 : _cells.Keys.Max(k => k.Col) + 1;

    public void Set(int row, int col, string text)
    {
        _cells[(row, col)] = text;
        NextRow = Math.Max(NextRow, row + 1);
    }

    public void Set(int row, int col, double number)
    {
        _cells[(row, col)] = number;
        NextRow = Math.Max(NextRow, row + 1);
    }

    public void Merge(int row1, int col1, int row2, int col2)
    {
        if (row2 > row1 || col2 > col1) _merges.Add((row1, col1, row2, col2));
    }

    public void Skip(int rows) => NextRow += rows;
}
