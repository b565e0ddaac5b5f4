using Etl.Estimation.Engine;
using Etl.Estimation.Panel;
using Etl.Estimation.Specs;

namespace Etl.Estimation.Design;

/// <summary>
/// A model's estimation sample and columns: the panel rows that pass its filter and have every term, fixed
/// effect and cluster, in panel order (city, year).
/// </summary>
internal sealed class ModelDesign
{
    public required ModelSpec Model { get; init; }

    public required PanelTable Panel { get; init; }

    /// <summary>Panel rows used.</summary>
    public required int[] Rows { get; init; }

    /// <summary>Rows that passed the sample filter (before dropping missing values).</summary>
    public required int FilteredRows { get; init; }

    public required double[] Y { get; init; }

    public required double[][] X { get; init; }

    /// <summary>Fixed-effect labels per fixed effect, per used row.</summary>
    public required int[][] FixedEffects { get; init; }

    public int[]? Cluster { get; init; }

    /// <summary>Rows dropped for a missing value of some term, fixed effect or cluster.</summary>
    public int DroppedMissing => FilteredRows - Rows.Length;

    /// <summary>Panel city index of each used row.</summary>
    public int[] City => Rows.Select(r => Panel.CityIndex[r]).ToArray();

    /// <summary>Year of each used row.</summary>
    public int[] Year => Rows.Select(r => Panel.Year[r]).ToArray();

    /// <summary>The engine's input.</summary>
    public RegressionInput ToInput() => new()
    {
        Y = Y,
        X = X,
        XNames = Model.Regressors.Select(r => r.ToString()).ToList(),
        FixedEffects = FixedEffects,
        FixedEffectNames = Model.FixedEffects,
        Cluster = Cluster,
        Vcov = Model.Vcov,
    };
}
