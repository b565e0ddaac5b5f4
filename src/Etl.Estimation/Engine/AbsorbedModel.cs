namespace Etl.Estimation.Engine;

/// <summary>
/// A model after singletons are dropped and its fixed effects absorbed: the kept observations' outcome
/// (raw and demeaned), the demeaned regressors, the factors, the clusters, and the demeaner that did it
/// (so further columns can be demeaned the same way).
/// </summary>
internal sealed record AbsorbedModel(
    double[] Y,
    double[] Yd,
    List<double[]> Xd,
    List<string> Names,
    List<FactorIndex> Factors,
    FactorIndex? Cluster,
    bool[]? Keep,
    Demeaner Demeaner);
