using System.Diagnostics;
using System.Security.Cryptography;
using Etl.Testing;

namespace Etl.Warehouse.Tests;

/// <summary>A build killed at any moment leaves the previous warehouse intact, and the next build completes.</summary>
[Collection("warehouse corpus")]
public class KillTests(WarehouseCorpus corpus)
{
    private static string EtlDll()
    {
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        return Path.Combine(RepoPaths.Root, "src", "Etl.Cli", "bin", config, "net10.0", "etl.dll");
    }

    [Fact]
    public void Killing_a_full_rebuild_at_several_moments_never_harms_the_warehouse()
    {
        var dll = EtlDll();
        Skip.IfNot(File.Exists(dll), $"the CLI is not built ({dll})");
        using var dir = new TempDirectory("wh-kill");
        var db = dir.File("etl.db");
        File.Copy(corpus.Database, db);
        var before = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(db)));
        foreach (var delay in new[] { 300, 900, 1600, 2500 })
        {
            using var p = Process.Start(new ProcessStartInfo("dotnet", ["exec", dll, "build", "--raw", corpus.Raw, "--mappings", RepoPaths.Mappings, "--db", db, "--full-refresh"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            Thread.Sleep(delay);
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit();
            var now = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(db)));
            // Either the build was killed (the old file is untouched) or it finished (a complete new warehouse).
            if (p.ExitCode != 0) Assert.Equal(before, now);
            using var c = WarehouseCorpus.Open(db);
            Assert.Equal(2970L, WarehouseCorpus.Rows(c, "SELECT count(*) FROM panel")[0][0]);
            before = now;
        }
        var report = WarehouseBuilder.Run(new BuildOptions(corpus.Raw, RepoPaths.Mappings, db) { FullRefresh = true }, TextWriter.Null);
        Assert.False(report.UpToDate);
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "etl.db.tmp-*"));
        Assert.False(File.Exists(db + ".lock"));
    }
}
