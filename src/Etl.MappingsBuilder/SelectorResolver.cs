namespace Etl.MappingsBuilder;

/// <summary>Resolves area-diff record selectors against a year-end list, following the format's rules.</summary>
internal static class SelectorResolver
{
    /// <summary>
    /// The record <paramref name="selector"/> picks in <paramref name="target"/> for the line whose record is
    /// <paramref name="code"/>/<paramref name="name"/> in <paramref name="own"/>; null when it picks none or
    /// several (the caller counts these).
    /// </summary>
    public static int? Resolve(string selector, int code, string name, AreaCodeList own, AreaCodeList target)
    {
        switch (selector)
        {
            case ".":
                return target.Contains(code) ? code : null;
            case "..":
                var parent = own.Parent(code);
                return parent is { } p && target.Contains(p) ? p : null;
            case "_":
                return ByName(name, code, own, target);
            default:
                return ByName(selector, code, own, target);
        }
    }

    private static int? ByName(string value, int code, AreaCodeList own, AreaCodeList target)
    {
        var direct = target.Named(value);
        if (direct.Count == 1) return direct[0];
        if (direct.Count > 1)
        {
            // Several records carry the name: qualify it with the parent's name and resolve the path.
            var parent = own.Parent(code);
            if (parent is null || !own.Contains(parent.Value)) return null;
            value = own.Name(parent.Value) + value;
        }
        // Split into a parent prefix that names exactly one record and a remainder named under it.
        for (var len = 1; len < value.Length; len++)
        {
            var prefix = value[..len];
            var marked = target.Named(prefix);
            if (marked.Count == 0) continue;
            if (marked.Count > 1) return null;
            var rest = value[len..];
            var hits = target.Named(rest).Where(c => target.Parent(c) == marked[0]).ToList();
            if (hits.Count == 1) return hits[0];
        }
        return null;
    }
}
