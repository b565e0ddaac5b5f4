namespace Etl.Estimation.Panel;

/// <summary>
/// The panel as read from the warehouse, rows ordered by city code (ordinal) and year: numeric columns as
/// doubles (NaN where NULL), categorical columns as canonical strings (null where NULL).
/// </summary>
public sealed class PanelTable
{
    private readonly Dictionary<(int City, int Year), int> _rowOf;

    internal PanelTable(string source, string table, string[] cityCodes, int[] cityIndex, int[] year,
        Dictionary<string, double[]> numeric, Dictionary<string, string?[]> categorical, string snapshotHash)
    {
        Source = source;
        Table = table;
        CityCodes = cityCodes;
        CityIndex = cityIndex;
        Year = year;
        Numeric = numeric;
        Categorical = categorical;
        SnapshotHash = snapshotHash;
        _rowOf = new Dictionary<(int, int), int>(year.Length);
        for (var i = 0; i < year.Length; i++)
            if (!_rowOf.TryAdd((cityIndex[i], year[i]), i))
                throw new InvalidDataException($"{source}: table {table} has two rows for city {cityCodes[cityIndex[i]]}, year {year[i]}");
        Years = [.. year.Distinct().Order()];
        IsBalanced = (long)Years.Count * cityCodes.Length == year.Length;
    }

    /// <summary>The warehouse file the panel came from.</summary>
    public string Source { get; }

    /// <summary>The table or view read.</summary>
    public string Table { get; }

    /// <summary>Distinct city codes in ordinal order; <see cref="CityIndex"/> points into it.</summary>
    public IReadOnlyList<string> CityCodes { get; }

    /// <summary>Per row: the position of its city in <see cref="CityCodes"/>.</summary>
    public int[] CityIndex { get; }

    /// <summary>Per row: the year.</summary>
    public int[] Year { get; }

    /// <summary>Distinct years, ascending.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>Numeric columns by name.</summary>
    public IReadOnlyDictionary<string, double[]> Numeric { get; }

    /// <summary>Categorical columns by name.</summary>
    public IReadOnlyDictionary<string, string?[]> Categorical { get; }

    /// <summary>SHA-256 (hex) of the whole table, every column (<see cref="Etl.Domain.Provenance.TableHash"/>): the panel hash a build records.</summary>
    public string SnapshotHash { get; }

    /// <summary>Rows.</summary>
    public int RowCount => Year.Length;

    /// <summary>Whether every city has a row for every year of the panel.</summary>
    public bool IsBalanced { get; }

    /// <summary>The row of a city in a year, or -1.</summary>
    public int RowOf(int city, int year) => _rowOf.TryGetValue((city, year), out var r) ? r : -1;

    /// <summary>Whether a column of either kind exists.</summary>
    public bool Has(string column) => column is PanelContract.Unit or PanelContract.Time || Numeric.ContainsKey(column) || Categorical.ContainsKey(column);

    /// <summary>
    /// Integer labels of a column for fixed effects, clusters and sample filters: the city index, the year,
    /// the rank of a categorical value in ordinal order (-1 where NULL) or of a numeric value (-1 where NaN).
    /// </summary>
    public int[] Labels(string column)
    {
        if (column == PanelContract.Unit) return (int[])CityIndex.Clone();
        if (column == PanelContract.Time) return (int[])Year.Clone();
        if (Categorical.TryGetValue(column, out var text))
        {
            var levels = text.Where(v => v is not null).Distinct().Order(StringComparer.Ordinal).Select((v, i) => (v!, i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
            return text.Select(v => v is null ? -1 : levels[v]).ToArray();
        }
        if (Numeric.TryGetValue(column, out var num))
        {
            var levels = num.Where(double.IsFinite).Distinct().Order().Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
            return num.Select(v => double.IsFinite(v) ? levels[v] : -1).ToArray();
        }
        throw new KeyNotFoundException($"column {column} was not read from {Table}");
    }
}
