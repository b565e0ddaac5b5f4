using System.Globalization;
using System.Text;
using Etl.Domain;
using Etl.Simulator.Publishing;
using Etl.Simulator.World;

namespace Etl.Simulator.Writers.Yearbook;

/// <summary>
/// Writes the China City Statistical Yearbook tables, editions 2011-2025 (data years 2010-2024), in the
/// layouts of the real publication: title rows, bilingual multi-row merged headers with units, 全市 and
/// 市辖区 column groups, province and national rows, footnote marks and 注 notes, column orders and file
/// formats that change between editions (.xls up to 2016, .xlsx after).
/// </summary>
internal sealed class YearbookWriter
{
    private readonly SimulatedCorpus _corpus;
    private readonly ulong _seed;

    public YearbookWriter(SimulatedCorpus corpus)
    {
        _corpus = corpus;
        _seed = corpus.Options.Seed;
    }

    /// <summary>Layout choices of one edition.</summary>
    private sealed record Style(int Edition, bool English, bool UnitRow, bool DistrictFirst, bool NumbersAsText, string MissingMark,
        bool NationalRow, bool PadNames, Dictionary<string, int[]> Order);

    public List<YearbookCounts> WriteAll(string rawDirectory)
    {
        var counts = new List<YearbookCounts>();
        // Data years 2010-2012 come as the long panels researchers circulate, in both naming conventions.
        counts.Add(LongPanelWriter.Write(rawDirectory, "yearbook/panel/中国城市统计年鉴地级市面板数据2010-2011.csv", [2010, 2011],
            LongPanelWriter.Naming.Suffix, new UTF8Encoding(true), LongPanelValue, _corpus.World.Universe));
        counts.Add(LongPanelWriter.Write(rawDirectory, "yearbook/panel/中国城市数据库2012.csv", [2012],
            LongPanelWriter.Naming.Parentheses, Etl.Domain.Text.ChineseEncodings.Gb18030, LongPanelValue, _corpus.World.Universe));
        for (var edition = LongPanelLastYear + 2; edition <= PanelYears.Last + 1; edition++)
        {
            var dir = Path.Combine(rawDirectory, "yearbook", edition.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            var style = StyleOf(edition);
            var tables = YearbookTables.For(edition, SourceValues.StudentsInTenThousands(edition - 1));
            if (edition <= 2016)
            {
                foreach (var table in tables)
                {
                    var file = Path.Combine(dir, $"{table.Number}.xls");
                    var c = new YearbookCounts { File = Relative(rawDirectory, file) };
                    var grid = new SheetGrid(table.Number);
                    Compose(grid, table, style, c);
                    XlsWorkbookWriter.Write(file, [grid]);
                    counts.Add(c);
                }
            }
            else if (edition <= 2020)
            {
                var file = Path.Combine(dir, $"中国城市统计年鉴{edition}.xlsx");
                var c = new YearbookCounts { File = Relative(rawDirectory, file) };
                var grids = tables.Select(t =>
                {
                    var g = new SheetGrid($"{t.Number} {t.TitleZh}");
                    Compose(g, t, style, c);
                    return g;
                }).ToList();
                XlsxWorkbookWriter.Write(file, grids);
                Deterministic.Normalize(file);
                counts.Add(c);
            }
            else
            {
                var economy = Path.Combine(dir, $"{edition}年鉴_人口与经济.xlsx");
                var ce = new YearbookCounts { File = Relative(rawDirectory, economy) };
                var pop = new SheetGrid("人口");
                Compose(pop, tables[0], style, ce);
                var gdp = new SheetGrid("经济");
                Compose(gdp, tables[1], style, ce);
                gdp.Skip(2);
                Compose(gdp, tables[2], style, ce);
                XlsxWorkbookWriter.Write(economy, [pop, gdp]);
                Deterministic.Normalize(economy);
                counts.Add(ce);

                var education = Path.Combine(dir, $"{edition}年鉴_教育.xlsx");
                var cs = new YearbookCounts { File = Relative(rawDirectory, education) };
                var edu = new SheetGrid("教育");
                Compose(edu, tables[3], style, cs);
                XlsxWorkbookWriter.Write(education, [edu]);
                Deterministic.Normalize(education);
                counts.Add(cs);
            }
        }
        return counts;
    }

    /// <summary>The last data year written as a long panel instead of the yearbook's tables.</summary>
    private const int LongPanelLastYear = 2012;

    private (double? Value, bool IsFact) LongPanelValue(SimUnit u, int year, Indicator indicator, bool total)
    {
        var v = Value(u, year, indicator, total, out var isFact);
        return (v, isFact);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private Style StyleOf(int edition)
    {
        var rng = Prng.For(_seed, 50, edition);
        var marks = new[] { "", "…", "—", "-", "…" };
        var order = new Dictionary<string, int[]>();
        foreach (var t in YearbookTables.For(edition, false))
        {
            var idx = Enumerable.Range(0, t.Indicators.Length).ToList();
            if (edition % 2 == 1) rng.Shuffle(idx);
            order[t.Number] = [.. idx];
        }
        return new Style(edition, edition is not (2012 or 2019), edition % 3 == 0, edition is 2018 or 2023, edition is 2012 or 2016 or 2022,
            marks[edition % marks.Length], edition >= 2014, edition <= 2016, order);
    }

    /// <summary>Appends one table (title, header, rows, notes) to the grid, counting what a parser should find.</summary>
    private void Compose(SheetGrid grid, YearbookTable table, Style style, YearbookCounts counts)
    {
        counts.Tables++;
        var dataYear = style.Edition - 1;
        var indicators = style.Order[table.Number].Select(i => table.Indicators[i]).ToArray();
        var k = indicators.Length;
        var r = grid.NextRow;
        grid.Set(r, 0, $"{table.Number}  {table.TitleZh}（{dataYear}年）");
        grid.Set(r + 1, 0, $"{table.TitleEn} ({dataYear})");
        r += 2;

        var cityCol = 0;
        var totalFirst = !style.DistrictFirst;
        int BlockStart(bool total) => 1 + (total == totalFirst ? 0 : k);
        var headerRows = style.UnitRow ? 4 : 3;
        grid.Set(r, cityCol, style.English ? "地  区 City" : "地  区");
        grid.Merge(r, cityCol, r + headerRows - 1, cityCol);
        foreach (var total in new[] { true, false })
        {
            var c0 = BlockStart(total);
            grid.Set(r, c0, total ? "全市 Total City" : "市辖区 Districts under City");
            grid.Merge(r, c0, r, c0 + k - 1);
            for (var j = 0; j < k; j++)
            {
                var ind = indicators[j];
                if (style.UnitRow)
                {
                    grid.Set(r + 1, c0 + j, ind.NameZh);
                    grid.Set(r + 2, c0 + j, $"({ind.UnitZh})");
                    grid.Set(r + 3, c0 + j, $"{ind.NameEn} ({ind.UnitEn})");
                }
                else
                {
                    grid.Set(r + 1, c0 + j, $"{ind.NameZh}({ind.UnitZh})");
                    grid.Set(r + 2, c0 + j, $"{ind.NameEn} ({ind.UnitEn})");
                }
            }
        }
        r += headerRows;

        if (style.NationalRow)
        {
            grid.Set(r, cityCol, style.English ? "全  国 National Total" : "全  国");
            foreach (var total in new[] { true, false })
                for (var j = 0; j < k; j++) WriteNumber(grid, r, BlockStart(total) + j, 1000 + 37.0 * j, style, indicators[j].UnitZh);
            counts.NationalRows++;
            r++;
        }

        var units = _corpus.World.Universe.Where(u => u.ExistsIn(dataYear)).OrderBy(u => u.City.Code.Value).ToList();
        var provinces = units.Select(u => u.City.ProvinceCode.Value).Distinct().Order().ToList();
        foreach (var province in provinces)
        {
            var members = units.Where(u => u.City.ProvinceCode.Value == province).ToList();
            var municipality = members.Count == 1 && members[0].City.Kind == Domain.Mappings.UnitKind.Municipality;
            if (!municipality)
            {
                var name = _corpus.World.Mappings.Provinces.Find(new CityCode(province))!.Name;
                grid.Set(r, cityCol, style.English ? $"{name} {ProvinceNames.English(province)}" : name);
                counts.ProvinceRows++;
                r++;
            }
            foreach (var u in members)
            {
                grid.Set(r, cityCol, Label(u, style));
                var fromFacts = 0;
                foreach (var total in new[] { true, false })
                    for (var j = 0; j < k; j++)
                    {
                        var value = Value(u, dataYear, indicators[j], total, out var isFact);
                        if (value is null) WriteMissing(grid, r, BlockStart(total) + j, style);
                        else WriteNumber(grid, r, BlockStart(total) + j, value.Value, style, indicators[j].UnitZh);
                        if (total && isFact && value is not null) fromFacts++;
                    }
                counts.Facts += fromFacts;
                counts.CityRows++;
                r++;
            }
            if (province == 650000 && style.Edition is >= 2016 and <= 2018)
            {
                // 石河子 is a county-level city administered by the autonomous region: no prefecture-level code.
                grid.Set(r, cityCol, style.English ? "石河子 Shihezi" : "石河子");
                for (var j = 0; j < k; j++) WriteNumber(grid, r, BlockStart(true) + j, 12 + j, style, indicators[j].UnitZh);
                counts.QuarantinedRows++;
                r++;
            }
        }

        grid.Set(r, 0, table.Number == "2-1" ? "注：户籍人口数据来源于公安部门。" : "注：本表按当年价格计算；“…”表示数据暂缺。");
        counts.NoteRows++;
        r++;
        if (table.Number == "10-1")
        {
            grid.Set(r, 0, "    普通高等学校在校学生数不含研究生。");
            counts.NoteRows++;
        }
    }

    private string Label(SimUnit u, Style style)
    {
        var rng = Prng.For(_seed, 51, style.Edition, u.City.Code.Value);
        var name = style.Edition == PanelYears.First + 1 && u.City.Code.Value == 420600 ? "襄樊" : rng.Chance(0.85) ? u.City.ShortName : u.City.Name;
        if (style.PadNames && name.Length == 2) name = $"{name[0]}  {name[1]}";
        if (rng.Chance(0.005)) name += "①";
        return style.English && u.EnglishName.Length > 0 ? $"{name} {u.EnglishName}" : name;
    }

    /// <summary>The printed value of an indicator, or null for a missing cell; <paramref name="isFact"/> when it is a catalogue variable.</summary>
    private double? Value(SimUnit u, int year, Indicator ind, bool total, out bool isFact)
    {
        var code = u.City.Code.Value;
        isFact = ind.Variable is "gdp" or "gdp_total" or "ind3_share" or "students" or "pop_registered" or "pop";
        var t = year - PanelYears.First;
        var latent = _corpus.Latent[u.Index];
        var rng = Prng.For(_seed, 52, code, year, Prng.Key(ind.Variable));
        var districtShare = 0.25 + 0.55 * Prng.For(_seed, 53, code).NextDouble();
        double? v;
        if (isFact)
        {
            if (!_corpus.Sources.Yearbook.TryGetValue((code, year, ind.Variable), out var shown)) return null;
            v = (double)shown.Number;
        }
        else
        {
            v = ind.Variable switch
            {
                "avg_pop" => Math.Round(latent.PopRegistered[t] * (0.995 + 0.01 * rng.NextDouble()), 2),
                "area" => Math.Round(3000 + 15000 * Prng.For(_seed, 54, code).NextDouble()),
                "growth" => Math.Round(6 + 4 * rng.NextDouble(), 1),
                "ind1" => Math.Round((100 - latent.Ind3Share[t]) * (0.08 + 0.15 * Prng.For(_seed, 55, code).NextDouble()), 2),
                "ind2" => Math.Round((100 - latent.Ind3Share[t]) * (0.77 + 0.1 * Prng.For(_seed, 55, code).NextDouble()), 2),
                "colleges" => Math.Max(1, Math.Round(latent.Students[t] / 11000)),
                "secondary" => Math.Round(latent.Pop[t] * 420 * (0.9 + 0.2 * rng.NextDouble())),
                _ => null,
            };
        }
        if (v is null || total) return v;
        // 市辖区 block: the urban districts' part of counts, close to the city's own value for shares.
        return ind.UnitZh is "%" ? Math.Round(v.Value * (0.9 + 0.2 * rng.NextDouble()), 2) : Math.Round(v.Value * districtShare, ind.UnitZh is "万人" ? 2 : 0);
    }

    private static void WriteNumber(SheetGrid grid, int row, int col, double value, Style style, string unit)
    {
        if (!style.NumbersAsText) { grid.Set(row, col, value); return; }
        var decimals = value == Math.Floor(value) && unit is not ("%" or "万人") ? 0 : 2;
        grid.Set(row, col, value.ToString(decimals == 0 ? "#,##0" : "#,##0.00", CultureInfo.InvariantCulture));
    }

    private static void WriteMissing(SheetGrid grid, int row, int col, Style style)
    {
        if (style.MissingMark.Length > 0) grid.Set(row, col, style.MissingMark);
    }
}
