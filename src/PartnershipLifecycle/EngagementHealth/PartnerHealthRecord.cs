using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.WinningBack;
using PartnershipLifecycle.Platform.Time;

namespace PartnershipLifecycle.EngagementHealth;

/// <summary>
/// A partner's engagement health, persisted: one document per partner (its stream id), holding the inputs health is
/// computed from (the partner, its turnover alerts and its commitments ledger, folded from the partner's own events) and
/// the answer computed from them on <see cref="AsOf"/>: <see cref="Score"/>, <see cref="Band"/> and <see cref="Factors"/>
/// exactly as <see cref="HealthScoring.Assess"/> gives them. <see cref="NextChangeOn"/> is the first business date on
/// which the calendar alone changes the answer (<see cref="HealthScoring.NextChangeOn"/>); the daily checks re-score the
/// documents whose date has come (<see cref="HealthRescoring"/>). A lost partner keeps its document, with no band.
/// </summary>
public sealed record PartnerHealthRecord
{
    public Guid Id { get; init; }

    /// <summary>The partner stream version the document has folded (its last event's).</summary>
    public long Version { get; init; }

    public string Name { get; init; } = "";

    /// <summary>The name as lists sort it (<see cref="Partners.Viewing.NameSortKey"/>).</summary>
    public string SortName { get; init; } = "";

    /// <summary>0 to <c>Health:StartScore</c>; 0 for a lost partner.</summary>
    public int Score { get; init; }

    /// <summary>Null for a lost partner, which has no health.</summary>
    public HealthBand? Band { get; init; }

    public ImmutableArray<HealthFactor> Factors { get; init; } = [];
    public DateOnly? LastInteractionOn { get; init; }

    /// <summary>The institution's business date the answer was computed for.</summary>
    public DateOnly AsOf { get; init; }

    /// <summary>The first business date after <see cref="AsOf"/> on which the answer changes with no event; null: never.</summary>
    public DateOnly? NextChangeOn { get; init; }

    /// <summary>
    /// The version whose slice moved <see cref="Band"/>, for the projection to announce it (<see cref="PartnerHealthBandChanged"/>)
    /// after that slice. Not stored: how events fall into slices is the daemon's, and a rebuild gives the same documents.
    /// </summary>
    [JsonIgnore]
    public long BandChangedAt { get; init; }

    /// <summary>The inputs, folded from the partner's events in order (the same steps as the partner and the two read models).</summary>
    public Partner? Partner { get; init; }

    public PartnerTurnover? Turnover { get; init; }
    public CommitmentLedger? Ledger { get; init; }

    /// <summary>The answer of <c>/api/health</c>; null for a lost partner.</summary>
    [JsonIgnore]
    public PartnerHealth? Health => Band is { } band ? new PartnerHealth(Id, Name, Score, band, Factors, LastInteractionOn) : null;

    /// <summary>True when the answer may have changed since it was computed: its next change date has come.</summary>
    public bool IsDueOn(DateOnly today) => NextChangeOn is { } next && next <= today;

    /// <summary>This document with its answer computed for <paramref name="today"/>.</summary>
    public PartnerHealthRecord ScoredOn(DateOnly today, HealthSettings settings)
    {
        if (Partner is not { } partner)
        {
            return this with { AsOf = today };
        }

        var named = this with { Name = partner.Name, SortName = partner.SortName, LastInteractionOn = partner.LastInteractionOn, AsOf = today };
        if (partner.Stage == Stage.Lost)
        {
            return named with { Score = 0, Band = null, Factors = [], NextChangeOn = null };
        }

        var health = HealthScoring.Assess(partner, Turnover, Ledger, today, settings);
        return named with
        {
            Score = health.Score,
            Band = health.Band,
            Factors = [.. health.Factors],
            NextChangeOn = HealthScoring.NextChangeOn(partner, Turnover, Ledger, today, settings),
        };
    }
}

/// <summary>Published by <see cref="PartnerHealthProjection"/> when a partner's events moved its band; null: lost.</summary>
public sealed record PartnerHealthBandChanged(string TenantId, Guid PartnerId, HealthBand? Band);

/// <summary>
/// Keeps <see cref="PartnerHealthRecord"/> in Marten's async daemon: a single-stream projection over the partner's
/// stream that folds, from the same events, the three inputs of health (the partner with its own <c>Apply</c> steps,
/// the turnover alerts with <see cref="TurnoverAlertsProjection"/>'s and the ledger with
/// <see cref="CommitmentLedgerProjection"/>'s) and scores the result once per slice against the institution's today.
/// </summary>
/// <remarks>
/// Why a projection that folds its own inputs rather than a handler that re-scores after the other read models: the
/// async daemon runs each projection at its own pace, so a handler reacting to an event, or a projection reading the
/// <see cref="PartnerTurnover"/> and <see cref="CommitmentLedger"/> documents, could score inputs the other projections
/// have not caught up with, and nothing would score again once they had. Folding the inputs here makes each document a
/// function of its stream up to <see cref="PartnerHealthRecord.Version"/> (a rebuild gives the same documents) and
/// writes the score in the same transaction as the inputs. The calendar's part (days passing) is the daily checks':
/// they re-score only the documents whose <see cref="PartnerHealthRecord.NextChangeOn"/> has come, with a patch that
/// applies only if the document is still at the version they read (<see cref="HealthRescoring"/>), so they never
/// overwrite what the daemon wrote meanwhile; the daemon scores every slice afresh, so it never keeps a stale answer.
/// </remarks>
public sealed class PartnerHealthProjection : SingleStreamProjection<PartnerHealthRecord, Guid>
{
    private static readonly TurnoverAlertsProjection Turnovers = new();
    private static readonly CommitmentLedgerProjection Ledgers = new();

    private readonly HealthSettings _settings;
    private readonly InstitutionCalendar _calendar;

    public PartnerHealthProjection(HealthSettings settings, InstitutionCalendar calendar)
    {
        _settings = settings;
        _calendar = calendar;
        Name = "PartnerHealthRecord";
    }

    public override PartnerHealthRecord? Evolve(PartnerHealthRecord? snapshot, Guid id, IEvent e)
    {
        if (e is IEvent<ProspectIdentified> identified)
        {
            return new PartnerHealthRecord
            {
                Id = id,
                Partner = Partner.Create(identified),
                Turnover = Turnovers.Create(identified),
                Ledger = Ledgers.Create(identified),
            };
        }

        if (snapshot?.Partner is not { } partner || !PartnerSteps.TryApply(partner, e.Data, out var next))
        {
            return snapshot;
        }

        return snapshot with { Partner = next, Turnover = Turnover(snapshot.Turnover, e), Ledger = Ledger(snapshot.Ledger, e) };
    }

    /// <summary>Once per slice, after its last event: the answer for the institution's today.</summary>
    public override PartnerHealthRecord ApplyMetadata(PartnerHealthRecord aggregate, IEvent lastEvent)
    {
        var scored = (aggregate with { Version = lastEvent.Version }).ScoredOn(_calendar.Today(lastEvent.TenantId), _settings);
        return scored.Band == aggregate.Band ? scored : scored with { BandChangedAt = lastEvent.Version };
    }

    /// <summary>
    /// A band moved by this slice's events goes to Wolverine (the health watch), in the same transaction as the
    /// document (never during a rebuild). Bands moved by days passing are the daily checks' to announce.
    /// </summary>
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<PartnerHealthRecord> slice)
    {
        if (slice.Snapshot is { } record && record.BandChangedAt == record.Version && slice.Events().Any(e => e.Version == record.Version))
        {
            slice.PublishMessage(new PartnerHealthBandChanged(slice.TenantId, record.Id, record.Band), new MessageMetadata(slice.TenantId));
        }

        return ValueTask.CompletedTask;
    }

    // The steps of TurnoverAlertsProjection, one for each event it applies.
    private static PartnerTurnover? Turnover(PartnerTurnover? state, IEvent e) => state is null ? null : e switch
    {
        IEvent<ContactAdded> x => Turnovers.Apply(x, state),
        IEvent<ContactRoleChanged> x => Turnovers.Apply(x, state),
        IEvent<ContactDeparted> x => Turnovers.Apply(x, state),
        IEvent<PartnershipLost> x => Turnovers.Apply(x, state),
        IEvent<PartnershipReactivated> x => Turnovers.Apply(x.Data, state),
        IEvent<TurnoverAlertAcknowledged> x => Turnovers.Apply(x, state),
        IEvent<TurnoverAlertEscalated> x => Turnovers.Apply(x, state),
        _ => state,
    };

    // The steps of CommitmentLedgerProjection, one for each event it applies.
    private static CommitmentLedger? Ledger(CommitmentLedger? ledger, IEvent e) => ledger is null ? null : e.Data switch
    {
        MouSigned x => Ledgers.Apply(x, ledger),
        MouAmended x => Ledgers.Apply(x, ledger),
        MouRenewed x => Ledgers.Apply(x, ledger),
        PartnershipLost x => Ledgers.Apply(x, ledger),
        EngagementDelivered x => Ledgers.Apply(x, ledger),
        _ => ledger,
    };

    /// <summary>The partner's own <c>Apply</c> methods, one per event type, found once by reflection.</summary>
    private static class PartnerSteps
    {
        private static readonly ConcurrentDictionary<Type, Func<Partner, object, Partner>?> Steps = new();

        public static bool TryApply(Partner partner, object data, out Partner next)
        {
            var step = Steps.GetOrAdd(data.GetType(), Find);
            next = step is null ? partner : step(partner, data);
            return step is not null;
        }

        private static Func<Partner, object, Partner>? Find(Type eventType)
        {
            var method = typeof(Partner).GetMethod(nameof(Partner.Apply), BindingFlags.Public | BindingFlags.Instance, [eventType]);
            if (method is null || method.ReturnType != typeof(Partner))
            {
                return null;
            }

            var partner = Expression.Parameter(typeof(Partner));
            var data = Expression.Parameter(typeof(object));
            return Expression.Lambda<Func<Partner, object, Partner>>(
                Expression.Call(partner, method, Expression.Convert(data, eventType)), partner, data).Compile();
        }
    }
}
