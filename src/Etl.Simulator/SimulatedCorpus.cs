using Etl.Domain;
using Etl.Domain.Classification;
using Etl.Simulator.Calibration;
using Etl.Simulator.Publishing;
using Etl.Simulator.Text;
using Etl.Simulator.World;

namespace Etl.Simulator;

/// <summary>Everything the simulator decided, in memory, before any file is written.</summary>
internal sealed class SimulatedCorpus
{
    public required SimulatorOptions Options { get; init; }
    public required SimWorld World { get; init; }
    public required Dictionary<int, Controls> Latent { get; init; }
    public required Dictionary<(int Unit, int Year), CityYearPlan> Plans { get; init; }
    public required SourceValues Sources { get; init; }
    public required TruthBuilder Truth { get; init; }
    public required Dictionary<(int Unit, int Year), CategoryCounts> Counts { get; init; }
    public required TruthIndex Index { get; init; }
    public required KeywordIndex Keywords { get; init; }
    public required TextComposer Text { get; init; }
    public required IpcPools Pools { get; init; }
    public required RecordPlanner Planner { get; init; }
    public required CalibrationReport Calibration { get; init; }

    /// <summary>dig_real by unit code and year.</summary>
    public required Dictionary<(int Unit, int Year), double> DigReal { get; init; }

    /// <summary>Panel rows by unit index: variable → value per year offset.</summary>
    public required Dictionary<int, Dictionary<string, double[]>> PanelRows { get; init; }
}
