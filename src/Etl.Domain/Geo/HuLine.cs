using Etl.Domain.Mappings;

namespace Etl.Domain.Geo;

/// <summary>
/// The Hu Huanyong line, drawn as the great circle through Heihe (127.5°E, 50.25°N) and Tengchong
/// (98.5°E, 25.0°N). A point's side is the sign of <c>(A × B) · P</c> with A, B and P as unit vectors
/// on the sphere.
/// </summary>
/// <remarks>
/// A straight line drawn in longitude/latitude space bends away from the great circle in the middle of
/// the country and puts Xi'an, Chengdu and Taiyuan north-west of the line, which contradicts every
/// published map; the great circle (equivalently, a straight line on a conformal or equal-area national
/// projection, up to a few kilometres) keeps them south-east.
/// </remarks>
public static class HuLine
{
    /// <summary>Heihe (瑷珲), the northern end.</summary>
    public static readonly (double Lon, double Lat) Heihe = (127.5, 50.25);

    /// <summary>Tengchong (腾冲), the southern end.</summary>
    public static readonly (double Lon, double Lat) Tengchong = (98.5, 25.0);

    private static readonly double[] s_normal = Cross(UnitVector(Heihe.Lon, Heihe.Lat), UnitVector(Tengchong.Lon, Tengchong.Lat));

    /// <summary>Signed distance-like value: positive south-east of the line, negative north-west.</summary>
    public static double SideValue(double lon, double lat)
    {
        var p = UnitVector(lon, lat);
        // With A = Heihe (north) and B = Tengchong (south), A x B points to the south-east half-space.
        return s_normal[0] * p[0] + s_normal[1] * p[1] + s_normal[2] * p[2];
    }

    /// <summary>The side of the line that (<paramref name="lon"/>, <paramref name="lat"/>) lies on.</summary>
    public static HuSide Side(double lon, double lat) => SideValue(lon, lat) >= 0 ? HuSide.Southeast : HuSide.Northwest;

    /// <summary>The naive test in longitude/latitude space, kept only to document its error.</summary>
    public static HuSide PlanarSide(double lon, double lat)
    {
        var (x1, y1) = Heihe;
        var (x2, y2) = Tengchong;
        var cross = (x2 - x1) * (lat - y1) - (y2 - y1) * (lon - x1);
        return cross >= 0 ? HuSide.Southeast : HuSide.Northwest;
    }

    private static double[] UnitVector(double lon, double lat)
    {
        var l = lon * Math.PI / 180;
        var p = lat * Math.PI / 180;
        return [Math.Cos(p) * Math.Cos(l), Math.Cos(p) * Math.Sin(l), Math.Sin(p)];
    }

    private static double[] Cross(double[] a, double[] b) =>
        [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
