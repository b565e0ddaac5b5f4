namespace Etl.Simulator.Calibration;

/// <summary>
/// The study's headline estimates the default corpus reproduces: model (4) coefficient of dig_real on
/// nq_rev, the mechanism's a (digital_patent on dig_real) and b (nq_rev on digital_patent), and the Sobel Z.
/// </summary>
internal sealed record CalibrationTargets(double Beta = 3.599, double A = 6.146, double B = 0.114, double SobelZ = 8.1)
{
    /// <summary>t-statistic aimed at for a and b: with equal t's, 1/Z² = 2/t².</summary>
    public double TargetT => SobelZ * Math.Sqrt(2);
}

/// <summary>What the calibration reached on the truth panel.</summary>
internal sealed record CalibrationReport(
    double Beta, double A, double B, double TBeta, double TA, double TB, double SobelZ,
    double ScaleA, double K, double BPrime, double NoiseD, double NoiseY,
    IReadOnlyDictionary<string, (double Estimate, double T, int Clusters)> Groups);
