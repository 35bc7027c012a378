namespace PartnershipLifecycle.Platform.Time;

/// <summary>
/// Business dates (<c>occurredOn</c>) are calendar dates without a time zone. "Not in the future" means
/// not after today anywhere on Earth (UTC+14), so a coordinator ahead of UTC can log today's meeting;
/// "today" as a default is the UTC date.
/// </summary>
public static class BusinessCalendar
{
    private static readonly TimeSpan EarliestZoneOffset = TimeSpan.FromHours(14);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static DateOnly LatestToday(this TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.Add(EarliestZoneOffset));
}
