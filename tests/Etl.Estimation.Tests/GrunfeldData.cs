using System.Globalization;

namespace Etl.Estimation.Tests;

/// <summary>The Grunfeld panel as columns.</summary>
internal sealed record GrunfeldData(int[] Firm, int[] Year, double[] Inv, double[] Value, double[] Capital)
{
    public static GrunfeldData Load()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "grunfeld.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        var f = new int[lines.Count];
        var y = new int[lines.Count];
        var inv = new double[lines.Count];
        var val = new double[lines.Count];
        var cap = new double[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var p = lines[i].Split(',');
            f[i] = int.Parse(p[0], CultureInfo.InvariantCulture);
            y[i] = int.Parse(p[1], CultureInfo.InvariantCulture);
            inv[i] = double.Parse(p[2], CultureInfo.InvariantCulture);
            val[i] = double.Parse(p[3], CultureInfo.InvariantCulture);
            cap[i] = double.Parse(p[4], CultureInfo.InvariantCulture);
        }
        return new GrunfeldData(f, y, inv, val, cap);
    }
}
