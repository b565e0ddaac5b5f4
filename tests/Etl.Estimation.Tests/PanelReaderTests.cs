using System.Security.Cryptography;
using System.Text;
using Etl.Estimation.Panel;
using Etl.Estimation.Tests.Fixtures;
using Etl.Testing;

namespace Etl.Estimation.Tests;

public class PanelReaderTests
{
    [Fact]
    public void Reads_the_panel_sorted_by_city_and_year_whatever_the_stored_order()
    {
        using var dir = new TempDirectory("est-read");
        var db = dir.File("w.db");
        var rows = PanelFixture.Rows();
        PanelFixture.Write(db, rows);
        var p = PanelReader.Read(db);
        Assert.Equal(150, p.RowCount);
        Assert.Equal(30, p.CityCodes.Count);
        Assert.Equal([2016, 2017, 2018, 2019, 2020], p.Years);
        Assert.True(p.IsBalanced);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].City, p.CityCodes[p.CityIndex[i]]);
            Assert.Equal(rows[i].Year, p.Year[i]);
            Assert.Equal(rows[i].DigReal, p.Numeric["dig_real"][i]);
            Assert.Equal(rows[i].DigitalPatent, p.Numeric["digital_patent"][i]);
            Assert.Equal(rows[i].Region, p.Categorical["region"][i]);
        }
        Assert.Equal(6, p.RowOf(p.CityIndex[7], p.Year[7] - 1));
        Assert.Equal(-1, p.RowOf(p.CityIndex[5], 2015));
    }

    [Fact]
    public void Snapshot_hash_is_sha256_of_the_canonical_text_of_the_whole_table()
    {
        using var dir = new TempDirectory("est-hash");
        var db = dir.File("w.db");
        PanelFixture.Exec(db, "CREATE TABLE panel (city_code TEXT, year INTEGER, nq_rev REAL, nq_emp REAL, dig_real REAL, digital_patent INTEGER, human REAL, gdp REAL, pop REAL, ent_act REAL, ind3_share REAL, region TEXT, hu_side TEXT, extra TEXT)");
        // Stored out of order, with an integer in a REAL column, a NULL, and a column the contract does not name.
        PanelFixture.Exec(db, "INSERT INTO panel VALUES ('440300', 2011, 1.5, NULL, 0.25, 7, 2, 3, 4, 5, 6, 'east', 'SE', 'x')");
        PanelFixture.Exec(db, "INSERT INTO panel VALUES ('110000', 2011, 10, 1, 2, 3, 4, 5, 6, 7, 8.125, 'east', 'SE', 'y')");
        // Every column in table order, the one the contract does not name included: the build hashes the same text.
        const string expected =
            "city_code\tyear\tnq_rev\tnq_emp\tdig_real\tdigital_patent\thuman\tgdp\tpop\tent_act\tind3_share\tregion\thu_side\textra\n" +
            "110000\t2011\t10\t1\t2\t3\t4\t5\t6\t7\t8.125\teast\tSE\ty\n" +
            "440300\t2011\t1.5\t\\N\t0.25\t7\t2\t3\t4\t5\t6\teast\tSE\tx\n";
        var p = PanelReader.Read(db);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), p.SnapshotHash);
        Assert.True(double.IsNaN(p.Numeric["nq_emp"][1]));

        // Storing 10 as REAL 10.0 instead of INTEGER does not change the hash; changing a value does.
        PanelFixture.Exec(db, "UPDATE panel SET nq_rev = 10.0 WHERE city_code = '110000'");
        Assert.Equal(p.SnapshotHash, PanelReader.Read(db).SnapshotHash);
        PanelFixture.Exec(db, "UPDATE panel SET nq_rev = 10.000001 WHERE city_code = '110000'");
        var changed = PanelReader.Read(db).SnapshotHash;
        Assert.NotEqual(p.SnapshotHash, changed);
        PanelFixture.Exec(db, "UPDATE panel SET extra = 'z' WHERE city_code = '110000'");
        Assert.NotEqual(changed, PanelReader.Read(db).SnapshotHash);
    }

    [Fact]
    public void A_missing_warehouse_is_a_data_error_naming_the_file()
    {
        using var dir = new TempDirectory("est-missing");
        var db = dir.File("none.db");
        var e = Assert.Throws<InvalidDataException>(() => PanelReader.Read(db));
        Assert.Contains(db, e.Message);
        Assert.False(File.Exists(db)); // reading never creates the file
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_data_error()
    {
        using var dir = new TempDirectory("est-junk");
        var db = dir.File("junk.db");
        File.WriteAllText(db, "this is not a SQLite file, but long enough to have a header of its own.......................");
        var e = Assert.Throws<InvalidDataException>(() => PanelReader.Read(db));
        Assert.Contains("junk.db", e.Message);
    }

    [Fact]
    public void A_missing_panel_table_or_column_is_named()
    {
        using var dir = new TempDirectory("est-cols");
        var db = dir.File("w.db");
        PanelFixture.Write(db, PanelFixture.Rows(), table: "facts");
        var e = Assert.Throws<InvalidDataException>(() => PanelReader.Read(db));
        Assert.Contains("no table or view named panel", e.Message);
        PanelFixture.Exec(db, "CREATE VIEW panel AS SELECT city_code, year, nq_rev, dig_real FROM facts");
        e = Assert.Throws<InvalidDataException>(() => PanelReader.Read(db));
        Assert.Contains("lacks column(s) nq_emp, digital_patent", e.Message);
        Assert.Contains("hu_side", e.Message);
    }

    [Fact]
    public void Reads_a_view_and_extra_columns_on_request()
    {
        using var dir = new TempDirectory("est-view");
        var db = dir.File("w.db");
        PanelFixture.Write(db, PanelFixture.Rows(), table: "facts");
        PanelFixture.Exec(db, "CREATE VIEW panel AS SELECT *, nq_rev * 2 AS double_rev, substr(city_code, 1, 2) AS province FROM facts");
        var p = PanelReader.Read(db, "panel", ["double_rev"], ["province"]);
        Assert.Equal(2 * p.Numeric["nq_rev"][3], p.Numeric["double_rev"][3]);
        Assert.Equal("11", p.Categorical["province"][0]);
    }

    [Fact]
    public void Text_in_a_numeric_column_names_column_city_and_year()
    {
        using var dir = new TempDirectory("est-text");
        var db = dir.File("w.db");
        PanelFixture.Write(db, PanelFixture.Rows());
        PanelFixture.Exec(db, "UPDATE panel SET gdp = 'n/a' WHERE city_code = '110100' AND year = 2018");
        var e = Assert.Throws<InvalidDataException>(() => PanelReader.Read(db));
        Assert.Contains("city 110100", e.Message);
        Assert.Contains("year 2018", e.Message);
        Assert.Contains("column gdp", e.Message);
    }

    [Fact]
    public void Duplicate_city_years_and_bad_codes_are_rejected()
    {
        using var dir = new TempDirectory("est-dup");
        var db = dir.File("w.db");
        PanelFixture.Write(db, PanelFixture.Rows());
        PanelFixture.Exec(db, "INSERT INTO panel SELECT * FROM panel WHERE city_code = '110200' AND year = 2017");
        var e = Assert.Throws<InvalidDataException>(() => PanelReader.Read(db));
        Assert.Contains("two rows for city 110200, year 2017", e.Message);
        PanelFixture.Exec(db, "DELETE FROM panel WHERE rowid = (SELECT max(rowid) FROM panel)");
        PanelFixture.Exec(db, "UPDATE panel SET city_code = '11A' WHERE city_code = '110200'");
        e = Assert.Throws<InvalidDataException>(() => PanelReader.Read(db));
        Assert.Contains("'11A' is not a 6-digit city code", e.Message);
    }

    [Fact]
    public void Integer_city_codes_are_read_as_six_digits_and_unbalanced_panels_are_detected()
    {
        using var dir = new TempDirectory("est-int");
        var db = dir.File("w.db");
        PanelFixture.Write(db, PanelFixture.Rows(), table: "facts");
        // A column without TEXT affinity keeps integers as integers (a TEXT column would convert them back).
        PanelFixture.Exec(db, "CREATE VIEW panel AS SELECT CAST(city_code AS INTEGER) AS city_code, year, nq_rev, nq_emp, dig_real, digital_patent, human, gdp, pop, ent_act, ind3_share, region, hu_side FROM facts");
        PanelFixture.Exec(db, "DELETE FROM facts WHERE city_code = '110300' AND year = 2019");
        var p = PanelReader.Read(db);
        Assert.Equal("110000", p.CityCodes[0]);
        Assert.Equal(149, p.RowCount);
        Assert.False(p.IsBalanced);
    }

    [Fact]
    public void Variable_labels_are_optional()
    {
        using var dir = new TempDirectory("est-labels");
        var db = dir.File("w.db");
        PanelFixture.Write(db, PanelFixture.Rows());
        Assert.Empty(VariableLabels.Read(db));
        PanelFixture.Exec(db, "CREATE TABLE variables (name TEXT, label_en TEXT, unit TEXT)");
        PanelFixture.Exec(db, "INSERT INTO variables VALUES ('dig_real', 'Integration index', 'index 0-100'), ('gdp', '', 'yuan')");
        var labels = VariableLabels.Read(db);
        Assert.Equal(new VariableLabel("Integration index", "index 0-100"), labels["dig_real"]);
        Assert.False(labels.ContainsKey("gdp")); // an empty label is no label
    }
}
