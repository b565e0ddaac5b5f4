namespace Etl.Domain.Mappings;

/// <summary>
/// A link from a code of one year-end list to a code of the next: the old unit's territory went (wholly
/// or in part) to the new one. Used to follow an old name forward to the unit that holds its territory.
/// </summary>
public sealed record CodeSuccession(int Year, CityCode OldCode, string OldName, CityCode NewCode, string NewName, bool Whole);

/// <summary>The successions table (<c>code_successions.csv</c>).</summary>
public sealed class CodeSuccessionTable
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "code_successions.csv";

    private readonly ILookup<(CityCode, int), CodeSuccession> _byOld;

    private CodeSuccessionTable(List<CodeSuccession> rows)
    {
        All = rows;
        _byOld = rows.ToLookup(r => (r.OldCode, r.Year));
    }

    /// <summary>All links.</summary>
    public IReadOnlyList<CodeSuccession> All { get; }

    /// <summary>Successors of <paramref name="code"/> in the list of <paramref name="year"/>.</summary>
    public IEnumerable<CodeSuccession> SuccessorsIn(CityCode code, int year) => _byOld[(code, year)];

    /// <summary>Loads and validates the table.</summary>
    public static CodeSuccessionTable Load(string directory)
    {
        var rows = new List<CodeSuccession>();
        var seen = new HashSet<(int, CityCode, CityCode)>();
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName), "year", "old_code", "old_name", "new_code", "new_name", "relation"))
        {
            var row = new CodeSuccession(r.Int("year"), r.Code("old_code"), r.Text("old_name"), r.Code("new_code"), r.Text("new_name"),
                r.Text("relation") switch { "whole" => true, "part" => false, var v => throw r.Error($"relation must be whole or part: '{v}'") });
            if (!seen.Add((row.Year, row.OldCode, row.NewCode))) throw r.Error($"duplicate succession {row.OldCode} -> {row.NewCode} in {row.Year}");
            rows.Add(row);
        }
        return new CodeSuccessionTable(rows);
    }
}
