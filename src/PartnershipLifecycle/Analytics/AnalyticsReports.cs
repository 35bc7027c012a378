using PartnershipLifecycle.Partners;

namespace PartnershipLifecycle.Analytics;

/// <summary>
/// A report that is also a flat table, so it can answer <c>Accept: text/csv</c>. The header is the type's, not
/// the answer's: static, so the JSON answer does not carry it.
/// </summary>
public interface ICsvReport
{
    /// <summary>The CSV column names, snake_case, in the order of <see cref="CsvRows"/>'s cells.</summary>
    static abstract IReadOnlyList<string> CsvHeader { get; }

    /// <summary>One list of cells per CSV line, in the order of <see cref="CsvHeader"/>.</summary>
    IEnumerable<IReadOnlyList<object?>> CsvRows();
}

// ---- funnel ----

public sealed record FunnelStage(Stage Stage, int Reached, double? ConversionFromPrevious);

/// <summary>Partners that ever reached each stage, and how many of the previous stage got there.</summary>
public sealed record Funnel(DateOnly? From, DateOnly? To, IReadOnlyList<FunnelStage> Stages, int Lost) : ICsvReport
{
    public static IReadOnlyList<string> CsvHeader => ["stage", "reached", "conversion_from_previous"];

    public IEnumerable<IReadOnlyList<object?>> CsvRows() =>
        Stages.Select(s => (IReadOnlyList<object?>)[s.Stage, s.Reached, s.ConversionFromPrevious])
            .Append([Stage.Lost, Lost, null]);
}

// ---- channels ----

/// <summary>
/// How one recruitment channel performs: conversion to an MOU, speed, and partners kept a year on. A partner counts
/// once, under the channel it was first found through, with its first identification date, also after a win-back;
/// <see cref="WonBack"/> counts the win-backs (reactivations) made through this channel, separately.
/// </summary>
public sealed record ChannelPerformance(
    RecruitmentChannel Channel,
    int Prospects,
    int Pitched,
    int Signed,
    double? ConversionRate,
    double? MedianDaysToMou,
    int ActiveNow,
    int Lost,
    int SignedAtLeast12MonthsAgo,
    int Retained12Months,
    double? RetentionRate12Months,
    int WonBack = 0);

public sealed record ChannelReport(IReadOnlyList<ChannelPerformance> Channels) : ICsvReport
{
    public static IReadOnlyList<string> CsvHeader =>
    [
        "channel", "prospects", "pitched", "signed", "conversion_rate", "median_days_to_mou", "active_now", "lost",
        "signed_at_least_12_months_ago", "retained_12_months", "retention_rate_12_months", "won_back",
    ];

    public IEnumerable<IReadOnlyList<object?>> CsvRows() => Channels.Select(c => (IReadOnlyList<object?>)
    [
        c.Channel, c.Prospects, c.Pitched, c.Signed, c.ConversionRate, c.MedianDaysToMou, c.ActiveNow, c.Lost,
        c.SignedAtLeast12MonthsAgo, c.Retained12Months, c.RetentionRate12Months, c.WonBack,
    ]);
}

// ---- losses ----

public sealed record LossReasonShare(LossReason Reason, int Count, double Share, IReadOnlyDictionary<Stage, int> FromStages);

/// <summary>Why partners were lost, and from which stage (every loss counts, also of partners won back).</summary>
public sealed record LossReport(int Total, IReadOnlyList<LossReasonShare> Reasons) : ICsvReport
{
    public static IReadOnlyList<string> CsvHeader => ["reason", "from_stage", "count", "share_of_all_losses"];

    public IEnumerable<IReadOnlyList<object?>> CsvRows() => Reasons.SelectMany(r => r.FromStages.OrderBy(s => s.Key)
        .Select(s => (IReadOnlyList<object?>)[r.Reason, s.Key, s.Value, Total == 0 ? 0 : Math.Round((double)s.Value / Total, 4)]));
}

// ---- commitments ----

public sealed record Delivery(int Committed, int Delivered);

/// <summary>
/// What one partner committed to under its MOU against what it delivered in the current MOU year:
/// placements (students placed), mentors (active contacts with the mentor role) and guest sessions.
/// </summary>
public sealed record CommitmentDelivery(
    Guid PartnerId,
    string Name,
    Stage Stage,
    DateOnly MouYearStartsOn,
    DateOnly MouYearEndsBefore,
    double ShareOfYearElapsed,
    Delivery Placements,
    Delivery Mentors,
    Delivery GuestSessions);

/// <summary>
/// One page of the commitments report: <c>{asOf, items[], total, page, pageSize}</c>, the paged shape of every list
/// with the business date (the institution's today) the figures are as of. The whole report is the CSV export
/// (<c>Accept: text/csv</c>), streamed in <see cref="CommitmentCsv"/>'s columns; a page is a flat table of the same columns.
/// </summary>
public sealed record CommitmentPage(DateOnly AsOf, IReadOnlyList<CommitmentDelivery> Items, long Total, int Page, int PageSize) : ICsvReport
{
    public static IReadOnlyList<string> CsvHeader => CommitmentCsv.Header;

    public IEnumerable<IReadOnlyList<object?>> CsvRows() => Items.Select(CommitmentCsv.Row);
}

/// <summary>The commitments report's CSV columns and lines (the export streams them, a batch of partners at a time).</summary>
public static class CommitmentCsv
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "partner_id", "name", "stage", "mou_year_starts_on", "mou_year_ends_before", "share_of_year_elapsed",
        "placements_committed", "placements_delivered", "mentors_committed", "mentors_delivered",
        "guest_sessions_committed", "guest_sessions_delivered",
    ];

    public static IReadOnlyList<object?> Row(CommitmentDelivery p) =>
    [
        p.PartnerId, p.Name, p.Stage, p.MouYearStartsOn, p.MouYearEndsBefore, p.ShareOfYearElapsed,
        p.Placements.Committed, p.Placements.Delivered, p.Mentors.Committed, p.Mentors.Delivered,
        p.GuestSessions.Committed, p.GuestSessions.Delivered,
    ];
}
