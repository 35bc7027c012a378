namespace PartnershipLifecycle.Platform.Time;

/// <summary>
/// Business dates (<c>occurredOn</c>) are calendar dates without a time zone, read in the institution's own
/// day (<see cref="InstitutionCalendar"/>): "today" and "not in the future" are the institution's today.
/// </summary>
public static class BusinessCalendar
{
    /// <summary>The UTC date: only for what belongs to no institution (tests, tools).</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The calendar date that <paramref name="instant"/> falls on in <paramref name="zone"/>.</summary>
    public static DateOnly DateIn(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
