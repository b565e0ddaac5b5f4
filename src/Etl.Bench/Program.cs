using System.Reflection;
using System.Text;
using Etl.Bench;

// etl-bench NAME [ARGS]: every IBenchmark in this assembly is a subcommand.
Console.OutputEncoding = new UTF8Encoding(false);
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();
var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: etl-bench NAME [ARGS]");
    foreach (var b in benchmarks) Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    return 2;
}
try
{
    return chosen.Run(args.Skip(1).ToList(), Console.Out);
}
catch (BenchFailure e)
{
    // A run that failed (a child process killed, a missing input): one line, not a stack trace.
    Console.Error.WriteLine($"etl-bench {chosen.Name}: {e.Message}");
    return 1;
}
