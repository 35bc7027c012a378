namespace PartnershipLifecycle.Platform.Validation;

/// <summary>
/// <c>Dates:</c> settings: how far ahead the API accepts a date, so that no accepted date is absurd or makes an
/// automation handler fail (an MOU ending 9999-12-31 once broke the scheduling of its expiry reminder). Every
/// business date is also from <see cref="Earliest"/> on. A date past its bound answers 400 naming the field.
/// </summary>
public sealed class DateLimits
{
    public const string Section = "Dates";

    /// <summary>No business date before this (1900-01-01): older ones are typing errors.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>
    /// An MOU's term in years, at most: <c>endsOn</c> no later than this many years after <c>startsOn</c>,
    /// <c>startsOn</c> no later than this after <c>signedOn</c>, and a renewal's <c>endsOn</c> no later than this after
    /// the renewal's <c>occurredOn</c>.
    /// </summary>
    public int MouMaxTermYears { get; set; } = 10;

    /// <summary>A pilot's length in days, at most: <c>endsOn</c> no later than this many days after <c>startsOn</c>.</summary>
    public int PilotMaxDays { get; set; } = 366;

    /// <summary>How many days ahead of today (UTC) a follow-up may fall due, at most.</summary>
    public int FollowUpMaxDaysAhead { get; set; } = 730;

    /// <summary>Each bound must be positive.</summary>
    public bool IsValid => MouMaxTermYears is > 0 and <= 100 && PilotMaxDays > 0 && FollowUpMaxDaysAhead > 0;

    /// <summary><paramref name="day"/> plus years and days, or <see cref="DateOnly.MaxValue"/> where that is past the calendar's end.</summary>
    public static DateOnly Add(DateOnly day, int years = 0, int days = 0)
    {
        if (day.Year + years > DateOnly.MaxValue.Year)
        {
            return DateOnly.MaxValue;
        }

        var shifted = day.AddYears(years);
        return days > DateOnly.MaxValue.DayNumber - shifted.DayNumber ? DateOnly.MaxValue : shifted.AddDays(days);
    }
}
