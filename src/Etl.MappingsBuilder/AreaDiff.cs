using System.Text.RegularExpressions;

namespace Etl.MappingsBuilder;

/// <summary>A change line of an area-diff file: <c>-341421 庐江县&gt;_</c>.</summary>
/// <param name="Sign">'-' deletion (record in the source list), '+' addition (target list), '=' transfer (both).</param>
/// <param name="Code">The record's code.</param>
/// <param name="Name">The record's name.</param>
/// <param name="Direction">'&gt;' selectors point into the target list, '&lt;' into the source list, '\0' none.</param>
/// <param name="Selectors">Enabled selectors (those marked '?' are dropped).</param>
/// <param name="LineNumber">1-based line in the diff file.</param>
internal sealed record AreaDiffLine(char Sign, int Code, string Name, char Direction, IReadOnlyList<string> Selectors, int LineNumber);

/// <summary>A described group of change lines: the approval title and metadata, then its lines.</summary>
internal sealed record AreaDiffBlock(string Title, string Document, string Date, IReadOnlyList<AreaDiffLine> Lines);

/// <summary>Parser for the area-diff format (see the reference folder's diff-spec.md).</summary>
internal static partial class AreaDiff
{
    [GeneratedRegex(@"^([-+=])([0-9]{6}) ([^<>]+?)(?:([<>])(.*))?$")]
    private static partial Regex ChangeLine();

    public static List<AreaDiffBlock> Parse(string path)
    {
        var blocks = new List<AreaDiffBlock>();
        var comments = new List<string>();
        var lines = new List<AreaDiffLine>();
        var lineNo = 0;

        void Flush()
        {
            if (lines.Count == 0) return;
            var title = comments.FirstOrDefault(c => c.StartsWith('#'))?.TrimStart('#', ' ') ?? "";
            string Meta(string key) => comments.Select(c => c.TrimStart('#', ' ')).FirstOrDefault(c => c.StartsWith(key + "：", StringComparison.Ordinal))?[(key.Length + 1)..].Trim() ?? "";
            blocks.Add(new AreaDiffBlock(title, Meta("文号"), Meta("日期"), lines.ToList()));
            lines.Clear();
            comments.Clear();
        }

        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim('\uFEFF');
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                if (lines.Count > 0) Flush();
                comments.Add(line[1..]);
                continue;
            }
            var m = ChangeLine().Match(line);
            if (!m.Success) throw new InvalidDataException($"{Path.GetFileName(path)}:{lineNo}: not an area-diff line: {line}");
            var selectors = m.Groups[4].Success
                ? m.Groups[5].Value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0 && !s.EndsWith('?')).Select(s => s.TrimEnd('!')).ToList()
                : [];
            lines.Add(new AreaDiffLine(line[0], int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups[3].Value.Trim(), m.Groups[4].Success ? m.Groups[4].Value[0] : '\0', selectors, lineNo));
        }
        Flush();
        return blocks;
    }
}
