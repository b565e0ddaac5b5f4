namespace Etl.Simulator.Calibration;

/// <summary>
/// The study's estimates the corpus reproduces: model (4) coefficient of dig_real on nq_rev, the mechanism's
/// a (digital_patent on dig_real) and b (nq_rev on digital_patent), the Sobel Z, and the settings that shape
/// the bootstrap interval of a·b.
/// </summary>
/// <param name="TA">First guess of a's t statistic; the calibration moves it until the Sobel Z is at its target.</param>
/// <param name="RevenueNoise">Standard deviation (亿元) of the revenue noise of a city of median size.</param>
internal sealed record CalibrationTargets(
    double Beta = 3.599, double A = 6.146, double B = 0.114, double SobelZ = 8.138,
    double TA = 13.0, double RevenueNoise = 4.0);

/// <summary>What the calibration reached on the truth panel, and the parameters that reached it.</summary>
internal sealed record CalibrationReport(
    StudyFigures Figures, double ScaleA, double K, double BPrime, double NoiseD, double NoiseY)
{
    public double Beta => Figures.Beta.Estimate;
    public double A => Figures.A.Estimate;
    public double B => Figures.B.Estimate;
    public double SobelZ => Figures.SobelZ;
}

/// <summary>The calibration table as text: one line per figure, the study's value beside it where it reports one.</summary>
internal static class CalibrationTable
{
    public static IEnumerable<string> Lines(CalibrationReport r)
    {
        var f = r.Figures;
        static string C(Coefficient c) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c.Estimate:F4} (t {c.T:F2})");
                yield return ($"model (4) dig_real            {C(f.Beta)}   study 3.599, p < 0.01");
        yield return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"model (4) within R2           {f.WithinR2:F4}   below 0.95"));
        yield return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"model (4) largest |t|         {f.MaxAbsT:F1}   below 40"));
        foreach (var (name, c) in f.Controls) yield return ($"  control {name,-20} {C(c)}");
        yield return ($"robustness log form           {C(f.LogForm)}   positive, p < 0.01");
        yield return ($"robustness nq_emp             {C(f.Employment)}   positive, p < 0.01");
        yield return ($"robustness lagged dig_real    {C(f.Lagged)}   positive, p < 0.01");
        yield return ($"robustness winsorised 1/99    {C(f.Winsorised)}   positive, p < 0.01");
        yield return ($"mechanism a                   {C(f.A)}   study 6.146");
        yield return ($"mechanism b                   {C(f.B)}   study 0.114");
        yield return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Sobel Z                       {f.SobelZ:F3}   study 8.138"));
        yield return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bootstrap 95% CI of a*b       [{f.Bootstrap.Low:F3}, {f.Bootstrap.High:F3}]   study [0.548, 1.064]"));
        yield return (string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  bootstrap sd of a {f.Bootstrap.SdA:F4} (clustered SE {f.A.StdError:F4}), of b {f.Bootstrap.SdB:F5} (clustered SE {f.B.StdError:F5}), correlation {f.Bootstrap.Correlation:F3}"));
        foreach (var (g, (c, n)) in f.Groups) yield return ($"group {g,-8} ({n,3} cities)    {C(c)}");
        yield return (string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"parameters: a' {r.ScaleA:F4}, k {r.K:F4}, b' {r.BPrime:F5}, noise D {r.NoiseD:F3}, noise Y {r.NoiseY:F4}"));
    }
}
