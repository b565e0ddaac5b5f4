using Etl.Estimation.Engine;
using Etl.Estimation.Inference;
using Etl.Estimation.Panel;
using Etl.Estimation.Specs;

namespace Etl.Estimation.Results;

/// <summary>One fitted model of the study.</summary>
/// <param name="Spec">Its specification.</param>
/// <param name="Fit">The engine's result.</param>
/// <param name="FilteredRows">Rows that passed the sample filter.</param>
/// <param name="DroppedMissing">Of those, rows dropped for a missing value.</param>
public sealed record ModelEstimate(ModelSpec Spec, RegressionResult Fit, int FilteredRows, int DroppedMissing)
{
    /// <summary>The content hash of the panel table the model ran on (the specification's, or a variant's).</summary>
    public string PanelHash { get; init; } = "";
}

/// <summary>The mediation analysis.</summary>
/// <param name="Spec">Its specification.</param>
/// <param name="A">Coefficient of the treatment on the mediator.</param>
/// <param name="SeA">Its clustered standard error.</param>
/// <param name="B">Coefficient of the mediator on the outcome.</param>
/// <param name="SeB">Its clustered standard error.</param>
/// <param name="SobelZ">Sobel Z.</param>
/// <param name="SobelP">Two-sided normal p of Z.</param>
/// <param name="Draws">Bootstrap replicates.</param>
/// <param name="Percentile">Percentile interval of a·b.</param>
/// <param name="BiasCorrected">Bias-corrected interval of a·b.</param>
/// <param name="Z0">The bias correction.</param>
public sealed record MediationResult(MechanismSpec Spec, double A, double SeA, double B, double SeB, double SobelZ, double SobelP,
    MediationDraws Draws, Interval Percentile, Interval BiasCorrected, double Z0)
{
    /// <summary>The indirect effect a·b.</summary>
    public double AB => A * B;

    /// <summary>Standard deviation of the finite bootstrap a·b values.</summary>
    public double BootstrapSe
    {
        get
        {
            var v = Draws.SortedAB;
            if (v.Length < 2) return double.NaN;
            var mean = v.Average();
            return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        }
    }
}

/// <summary>A coefficient difference between two groups.</summary>
/// <param name="Spec">Its specification.</param>
/// <param name="EstimateA">Coefficient in the first group.</param>
/// <param name="SeA">Its standard error.</param>
/// <param name="EstimateB">Coefficient in the second group.</param>
/// <param name="SeB">Its standard error.</param>
/// <param name="Z">z statistic of the difference.</param>
/// <param name="PZ">Its two-sided p.</param>
/// <param name="Permutation">Fisher's permutation test.</param>
public sealed record DifferenceResult(DifferenceTestSpec Spec, double EstimateA, double SeA, double EstimateB, double SeB, double Z, double PZ, PermutationResult Permutation)
{
    /// <summary>β_A - β_B.</summary>
    public double Difference => EstimateA - EstimateB;
}

/// <summary>A wild cluster bootstrap test of one model.</summary>
/// <param name="ModelId">The model.</param>
/// <param name="Term">The coefficient tested against zero.</param>
/// <param name="Result">The test.</param>
public sealed record WildResult(string ModelId, string Term, WildBootstrapResult Result);

/// <summary>Wall time of one step of the stage.</summary>
/// <param name="Step">What was done.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Count">How many units of work (regressions, replicates), for per-unit times.</param>
public sealed record StepTiming(string Step, TimeSpan Elapsed, int Count);

/// <summary>Everything the stage computed in one run.</summary>
public sealed record StudyResults
{
    /// <summary>The specification run.</summary>
    public required StudySpec Spec { get; init; }

    /// <summary>The panel read.</summary>
    public required PanelTable Panel { get; init; }

    /// <summary>Variable labels found in the warehouse.</summary>
    public required IReadOnlyDictionary<string, VariableLabel> WarehouseLabels { get; init; }

    /// <summary>Seed used.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Deterministic id of the run: hash of snapshot, specification, seed and replications.</summary>
    public required string RunId { get; init; }

    /// <summary>The name the results are stored under: the specification file's name without extension ("study" for the bundled one).</summary>
    public required string ResultSet { get; init; }

    /// <summary>The build that produced the panel read, when the warehouse records it.</summary>
    public BuildLink? Build { get; init; }

    /// <summary>Every model, in specification order.</summary>
    public required IReadOnlyList<ModelEstimate> Models { get; init; }

    /// <summary>The mediation analysis, if specified.</summary>
    public MediationResult? Mediation { get; init; }

    /// <summary>Difference tests.</summary>
    public required IReadOnlyList<DifferenceResult> Differences { get; init; }

    /// <summary>Wild cluster bootstrap tests (models with few clusters).</summary>
    public required IReadOnlyList<WildResult> Wild { get; init; }

    /// <summary>Models of the specification left out because the warehouse lacks the variant panel they run on.</summary>
    public IReadOnlyList<ModelSpec> Skipped { get; init; } = [];

    /// <summary>The run's row in <c>estimation_runs</c>, once written.</summary>
    public long? EstimationId { get; set; }

    /// <summary>Things the run did that the user should hear about (filled in as the run goes).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Step timings (filled in as the run goes).</summary>
    public required List<StepTiming> Timings { get; init; }

    /// <summary>The fitted model with this id.</summary>
    public ModelEstimate Model(string id) => Models.FirstOrDefault(m => m.Spec.Id == id) ?? throw new KeyNotFoundException($"no model '{id}'");
}
