using System.Collections.Concurrent;
using System.Globalization;
using Etl.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Etl.Cli.Output;

/// <summary>
/// Draws a build's stages live on a terminal (Spectre.Console, on stderr): one line per stage with its bar,
/// rate, time left and outcome. Only when stderr is a terminal and neither <c>--quiet</c> nor <c>--json</c> is
/// given; piped output gets the plain stage lines instead. Colour follows the terminal and <c>NO_COLOR</c>.
/// </summary>
internal sealed class LiveProgress : IWorkProgress
{
    private readonly ProgressContext _context;
    private readonly ConcurrentDictionary<int, string> _units;
    private ProgressTask? _task;
    private string _step = "";

    private LiveProgress(ProgressContext context, ConcurrentDictionary<int, string> units)
    {
        _context = context;
        _units = units;
    }

    /// <summary>Whether live progress can be drawn: stderr is a terminal that is not 'dumb', and the caller writes to the real stderr.</summary>
    public static bool Available(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    /// <summary>Runs <paramref name="work"/> with a live display of its stages on stderr.</summary>
    public static T Run<T>(Func<IWorkProgress, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var units = new ConcurrentDictionary<int, string>();
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RateColumn(units),
                new RemainingTimeColumn(), new ElapsedTimeColumn())
            .Start(context => result = work(new LiveProgress(context, units)));
        return result;
    }

    /// <inheritdoc />
    public void Begin(string step, long total, string unit)
    {
        _step = step;
        _task = _context.AddTask(Markup.Escape(step), autoStart: true, maxValue: Math.Max(total, 1));
        _task.IsIndeterminate = total <= 0;
        _units[_task.Id] = unit;
    }

    /// <inheritdoc />
    public void Advance(long amount) => _task?.Increment(amount);

    /// <inheritdoc />
    public void End(string outcome)
    {
        if (_task is null) return;
        _task.Description = Markup.Escape($"{_step}: {outcome}");
        _task.IsIndeterminate = false;
        _task.Value = _task.MaxValue;
        _task.StopTask();
        _task = null;
    }

    /// <summary>Work per second in the stage's unit: files/s, MB/s.</summary>
    private sealed class RateColumn(ConcurrentDictionary<int, string> units) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var unit = units.GetValueOrDefault(task.Id, "");
            if (task.Speed is not { } speed || unit.Length == 0 || task.IsFinished) return new Text("");
            return new Text(unit == "bytes"
                ? string.Create(CultureInfo.InvariantCulture, $"{speed / 1e6:F1} MB/s")
                : string.Create(CultureInfo.InvariantCulture, $"{speed:F0} {unit}/s"));
        }

        public override int? GetColumnWidth(RenderOptions options) => 12;
    }
}
