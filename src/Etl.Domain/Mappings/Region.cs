namespace Etl.Domain.Mappings;

/// <summary>Traditional three-way division (东中西部) used when a study says east / central / west.</summary>
public enum Region
{
    /// <summary>东部: the ten NBS eastern provinces plus Liaoning.</summary>
    East,

    /// <summary>中部: Shanxi, Jilin, Heilongjiang, Anhui, Jiangxi, Henan, Hubei, Hunan.</summary>
    Central,

    /// <summary>西部: the twelve provinces of the Western Development programme.</summary>
    West,
}

/// <summary>NBS four-region division (2011): east, central, west, north-east.</summary>
public enum Region4
{
    /// <summary>东部.</summary>
    East,

    /// <summary>中部.</summary>
    Central,

    /// <summary>西部.</summary>
    West,

    /// <summary>东北: Liaoning, Jilin, Heilongjiang.</summary>
    Northeast,
}

/// <summary>Side of the Hu Huanyong line (Heihe - Tengchong).</summary>
public enum HuSide
{
    /// <summary>South-east of the line: the densely populated side.</summary>
    Southeast,

    /// <summary>North-west of the line.</summary>
    Northwest,
}

/// <summary>Kinds of prefecture-level unit.</summary>
public enum UnitKind
{
    /// <summary>直辖市: Beijing, Tianjin, Shanghai, Chongqing.</summary>
    Municipality,

    /// <summary>地级市: prefecture-level city.</summary>
    City,

    /// <summary>地区: prefecture (administrative region).</summary>
    Prefecture,

    /// <summary>自治州: autonomous prefecture.</summary>
    AutonomousPrefecture,

    /// <summary>盟: league (Inner Mongolia).</summary>
    League,
}

/// <summary>Lower-case names used in the mapping tables and the warehouse.</summary>
public static class MappingNames
{
    /// <summary>Region as written in tables.</summary>
    public static string Name(Region r) => r switch { Region.East => "east", Region.Central => "central", _ => "west" };

    /// <summary>Four-way region as written in tables.</summary>
    public static string Name(Region4 r) => r switch
    {
        Region4.East => "east", Region4.Central => "central", Region4.West => "west", _ => "northeast",
    };

    /// <summary>Hu side as written in tables.</summary>
    public static string Name(HuSide s) => s == HuSide.Southeast ? "SE" : "NW";

    /// <summary>Unit kind as written in tables.</summary>
    public static string Name(UnitKind k) => k switch
    {
        UnitKind.Municipality => "municipality",
        UnitKind.City => "city",
        UnitKind.Prefecture => "prefecture",
        UnitKind.AutonomousPrefecture => "autonomous_prefecture",
        _ => "league",
    };

    /// <summary>Parses a region name.</summary>
    public static bool TryParseRegion(string s, out Region r)
    {
        (var ok, r) = s switch { "east" => (true, Region.East), "central" => (true, Region.Central), "west" => (true, Region.West), _ => (false, Region.East) };
        return ok;
    }

    /// <summary>Parses a four-way region name.</summary>
    public static bool TryParseRegion4(string s, out Region4 r)
    {
        (var ok, r) = s switch
        {
            "east" => (true, Region4.East), "central" => (true, Region4.Central), "west" => (true, Region4.West),
            "northeast" => (true, Region4.Northeast), _ => (false, Region4.East),
        };
        return ok;
    }

    /// <summary>Parses a Hu side.</summary>
    public static bool TryParseHuSide(string s, out HuSide side)
    {
        (var ok, side) = s switch { "SE" => (true, HuSide.Southeast), "NW" => (true, HuSide.Northwest), _ => (false, HuSide.Southeast) };
        return ok;
    }

    /// <summary>Parses a unit kind.</summary>
    public static bool TryParseKind(string s, out UnitKind k)
    {
        (var ok, k) = s switch
        {
            "municipality" => (true, UnitKind.Municipality), "city" => (true, UnitKind.City),
            "prefecture" => (true, UnitKind.Prefecture), "autonomous_prefecture" => (true, UnitKind.AutonomousPrefecture),
            "league" => (true, UnitKind.League), _ => (false, UnitKind.City),
        };
        return ok;
    }
}
