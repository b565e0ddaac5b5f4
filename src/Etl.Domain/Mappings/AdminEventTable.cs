namespace Etl.Domain.Mappings;

/// <summary>An administrative-division change derived from the GB/T 2260 code history.</summary>
/// <param name="EventId">Stable identifier (diff year and sequence).</param>
/// <param name="Year">Year of the change (the year whose year-end code list first shows it).</param>
/// <param name="ApprovalDate">Date of the approval, ISO format, when the source states it.</param>
/// <param name="Type">Event type, one of <see cref="AdminEventTypes"/>.</param>
/// <param name="SubjectCode">The unit that changed.</param>
/// <param name="SubjectName">Its name before the change.</param>
/// <param name="CounterpartCode">The unit it became or moved into, when there is one.</param>
/// <param name="CounterpartName">Its name.</param>
/// <param name="Prefectures">Prefecture-level units whose existence or territory the event touches.</param>
/// <param name="ApprovalDocument">Approval document number (文号), e.g. 国函〔2011〕84号.</param>
/// <param name="Title">Title of the approval.</param>
public sealed record AdminEvent(
    string EventId,
    int Year,
    string ApprovalDate,
    string Type,
    CityCode SubjectCode,
    string SubjectName,
    CityCode? CounterpartCode,
    string CounterpartName,
    IReadOnlyList<CityCode> Prefectures,
    string ApprovalDocument,
    string Title);

/// <summary>The event types the derivation emits.</summary>
public static class AdminEventTypes
{
    /// <summary>A prefecture-level unit ceased to exist and its territory went to others (巢湖, 莱芜).</summary>
    public const string PrefectureAbolished = "prefecture_abolished";

    /// <summary>A new prefecture-level unit was created from other territory (三沙, 儋州).</summary>
    public const string PrefectureEstablished = "prefecture_established";

    /// <summary>A prefecture (地区) became a prefecture-level city under a new code, same territory (毕节).</summary>
    public const string PrefectureConverted = "prefecture_converted";

    /// <summary>A prefecture-level unit changed its name, code kept (襄樊 → 襄阳).</summary>
    public const string PrefectureRenamed = "prefecture_renamed";

    /// <summary>A whole county-level unit moved from one prefecture to another (寿县 六安 → 淮南).</summary>
    public const string CountyMoved = "county_moved";

    /// <summary>Part of a county-level unit moved to a unit of another prefecture.</summary>
    public const string PartialTransferBetweenPrefectures = "partial_transfer_between_prefectures";

    /// <summary>A county or county-level city became a district of the same prefecture.</summary>
    public const string CountyToDistrict = "county_to_district";

    /// <summary>Districts of one prefecture merged.</summary>
    public const string DistrictMerger = "district_merger";

    /// <summary>A county became a county-level city.</summary>
    public const string CountyToCity = "county_to_city";

    /// <summary>A county-level unit changed its name.</summary>
    public const string CountyRenamed = "county_renamed";

    /// <summary>A county-level unit changed code or was created or split inside one prefecture.</summary>
    public const string CountyReorganised = "county_reorganised";

    /// <summary>Part of a county-level unit moved to another unit of the same prefecture.</summary>
    public const string PartialTransferWithinPrefecture = "partial_transfer_within_prefecture";

    /// <summary>All types, in a stable order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        PrefectureAbolished, PrefectureEstablished, PrefectureConverted, PrefectureRenamed, CountyMoved,
        PartialTransferBetweenPrefectures, CountyToDistrict, DistrictMerger, CountyToCity, CountyRenamed,
        CountyReorganised, PartialTransferWithinPrefecture,
    ];
}

/// <summary>The events table (<c>admin_events.csv</c>).</summary>
public sealed class AdminEventTable
{
    /// <summary>File name under the mappings folder.</summary>
    public const string FileName = "admin_events.csv";

    private AdminEventTable(List<AdminEvent> events) => All = events;

    /// <summary>All events in year and id order.</summary>
    public IReadOnlyList<AdminEvent> All { get; }

    /// <summary>Events touching prefecture <paramref name="code"/>.</summary>
    public IEnumerable<AdminEvent> Touching(CityCode code) => All.Where(e => e.Prefectures.Contains(code));

    /// <summary>Loads and validates the table.</summary>
    public static AdminEventTable Load(string directory, CityTable cities)
    {
        var events = new List<AdminEvent>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in MappingCsv.Read(Path.Combine(directory, FileName),
                     "event_id", "year", "approval_date", "type", "subject_code", "subject_name", "counterpart_code",
                     "counterpart_name", "prefectures", "approval_document", "title"))
        {
            var id = r.Text("event_id");
            if (!ids.Add(id)) throw r.Error($"duplicate event id {id}");
            var type = r.Text("type");
            if (!AdminEventTypes.All.Contains(type)) throw r.Error($"unknown event type '{type}'");
            var prefectures = new List<CityCode>();
            foreach (var p in r["prefectures"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!CityCode.TryParse(p, out var code)) throw r.Error($"'{p}' in prefectures is not a code");
                if (cities.Find(code) is null) throw r.Error($"prefecture {code} is not in {CityTable.FileName}");
                prefectures.Add(code);
            }
            events.Add(new AdminEvent(id, r.Int("year"), r["approval_date"], type, r.Code("subject_code"), r["subject_name"],
                r.OptionalCode("counterpart_code"), r["counterpart_name"], prefectures, r["approval_document"], r["title"]));
        }
        return new AdminEventTable(events);
    }
}
