namespace Etl.Simulator.Writers.Bulletins;

/// <summary>What a correct parser finds in the bulletins folder.</summary>
internal sealed class BulletinCounts
{
    public int Pages { get; set; }
    public int ErrorPages { get; set; }
    public int Gb18030Pages { get; set; }
    public int FullWidthPages { get; set; }
    public int Facts { get; set; }
    public List<(int City, int Year)> AmbiguousRevenue { get; } = [];
    public List<(string File, int City, int Year)> Files { get; } = [];
}
