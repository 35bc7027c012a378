using Marten;
using Marten.Patching;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.EngagementHealth;

/// <summary>
/// The calendar's part of persisted health: re-scores the tenant's <see cref="PartnerHealthRecord"/> documents whose
/// <see cref="PartnerHealthRecord.NextChangeOn"/> has come (an indexed query), not every partner.
/// </summary>
public sealed class HealthRescoring(IOptions<HealthSettings> settings, InstitutionCalendar calendar)
{
    private const int PageSize = 500;

    /// <summary>
    /// Re-scores, for the session's tenant and its today, every document that is due, and stages one patch per
    /// document in <paramref name="session"/> (saved by the caller). A patch applies only while the document is at the
    /// version it was read at: a document the async daemon has moved on meanwhile was scored by the daemon for today.
    /// Answers the re-scored healths (lost partners have none).
    /// </summary>
    public async Task<IReadOnlyList<PartnerHealth>> RescoreDueAsync(IDocumentSession session, CancellationToken ct)
    {
        var today = calendar.Today(session.TenantId);
        var rescored = new List<PartnerHealth>();
        // The patches are saved by the caller after the last page, so the pages read one unchanged set.
        for (var skip = 0; ; skip += PageSize)
        {
            var page = await session.Query<PartnerHealthRecord>()
                .Where(r => r.NextChangeOn <= today)
                .OrderBy(r => r.Id).Skip(skip).Take(PageSize).ToListAsync(ct);
            foreach (var record in page)
            {
                var scored = record.ScoredOn(today, settings.Value);
                var (id, version) = (record.Id, record.Version);
                session.Patch<PartnerHealthRecord>(r => r.Id == id && r.Version == version)
                    .Set(r => r.Score, scored.Score)
                    .Set(r => r.Band, scored.Band)
                    .Set(r => r.Factors, scored.Factors)
                    .Set(r => r.AsOf, scored.AsOf)
                    .Set(r => r.NextChangeOn, scored.NextChangeOn);
                if (scored.Health is { } health)
                {
                    rescored.Add(health);
                }
            }

            if (page.Count < PageSize)
            {
                return rescored;
            }
        }
    }
}
