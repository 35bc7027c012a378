using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace PartnershipLifecycle.Platform.Time;

/// <summary>
/// <c>Institutions:</c> settings: each institution (tenant) keeps its own day. <c>Institutions:TimeZone</c> is the
/// default IANA time zone (unset: <c>UTC</c>); <c>Institutions:TimeZones:{tenantId}</c> names one institution's zone,
/// e.g. <c>Institutions:TimeZones:t1=Asia/Hong_Kong</c>.
/// </summary>
public static class InstitutionSettings
{
    public const string Section = "Institutions";
    public const string DefaultTimeZoneKey = Section + ":TimeZone";
    public const string TimeZonesSection = Section + ":TimeZones";
    public const string DefaultTimeZone = "UTC";
}

/// <summary>
/// An institution's own day: "today", overdue follow-ups, MOU years, the daily checks and the future-date rule
/// all use the calendar date in the institution's time zone (<see cref="InstitutionSettings"/>), from the service's
/// <see cref="TimeProvider"/>. The configuration is read at every call, so a zone added at run time applies at once.
/// </summary>
public sealed class InstitutionCalendar(TimeProvider clock, IConfiguration configuration)
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public TimeProvider Clock => clock;

    /// <summary>The institution's time zone; an unknown id throws (checked at start-up by <see cref="Problems"/>).</summary>
    public TimeZoneInfo ZoneOf(string? tenantId)
    {
        var id = (tenantId is null ? null : configuration[$"{InstitutionSettings.TimeZonesSection}:{tenantId}"])
                 ?? configuration[InstitutionSettings.DefaultTimeZoneKey]
                 ?? InstitutionSettings.DefaultTimeZone;
        return Zones.GetOrAdd(id.Trim(), TimeZoneInfo.FindSystemTimeZoneById);
    }

    /// <summary>The institution's wall clock now.</summary>
    public DateTimeOffset LocalNow(string? tenantId) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ZoneOf(tenantId));

    /// <summary>Today's calendar date where the institution is (a business date).</summary>
    public DateOnly Today(string? tenantId) => BusinessCalendar.DateIn(clock.GetUtcNow(), ZoneOf(tenantId));

    /// <summary>Today where the caller's institution is (its <c>tenant_id</c> claim): what a command's <c>DateOnly today</c> receives.</summary>
    public static DateOnly TodayOf(InstitutionCalendar calendar, Microsoft.AspNetCore.Http.HttpContext http) =>
        calendar.Today(http.User.FindFirst(Security.ClaimNames.Tenant)?.Value);

    /// <summary>Time zone ids in the configuration that this machine does not know.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var ids = configuration.GetSection(InstitutionSettings.TimeZonesSection).GetChildren()
            .Select(c => (Key: c.Path, c.Value))
            .Prepend((Key: InstitutionSettings.DefaultTimeZoneKey, Value: configuration[InstitutionSettings.DefaultTimeZoneKey]));
        foreach (var (key, value) in ids)
        {
            if (value is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(value.Trim(), out _))
            {
                yield return $"{key}: '{value}' is not a time zone this machine knows (use an IANA id such as Asia/Hong_Kong).";
            }
        }
    }
}
