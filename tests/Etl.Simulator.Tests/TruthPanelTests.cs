namespace Etl.Simulator.Tests;

/// <summary>
/// The truth panel: balanced, of the default size, with every dropped city's reason. That it reproduces the
/// study is checked through the estimation engine in Etl.Estimation.Tests (EndToEndTests).
/// </summary>
[Collection("corpus")]
public class TruthPanelTests(CorpusFixture corpus)
{
    [Fact]
    public void Panel_is_balanced_with_198_cities_and_15_years()
    {
        var rows = TruthPanel.Read(corpus.Truth);
        Assert.Equal(2970, rows.Count);
        Assert.Equal(198, rows.Select(r => r.City).Distinct().Count());
        Assert.All(rows.GroupBy(r => r.City), g => Assert.Equal(Enumerable.Range(2010, 15), g.Select(r => r.Year).Order()));
        Assert.All(rows, r => Assert.All(r.Values.Values, v => Assert.True(double.IsFinite(v))));
    }

    [Fact]
    public void Dropped_cities_have_reasons_and_are_not_in_the_panel()
    {
        var panel = TruthPanel.Read(corpus.Truth).Select(r => r.City).ToHashSet();
        var dropped = File.ReadAllLines(Path.Combine(corpus.Truth, "dropped.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.DoesNotContain(dropped, d => panel.Contains(d[0]));
        Assert.Contains(dropped, d => d[0] == "341400" && d[2] == "admin_event"); // Chaohu
        Assert.Contains(dropped, d => d[0] == "371200" && d[2] == "admin_event"); // Laiwu
        Assert.True(dropped.Count(d => d[2] == "missing_key_variable") > 30);
        Assert.Equal(299, panel.Count + dropped.Count); // every city and municipality of 2010-2024
    }
}
