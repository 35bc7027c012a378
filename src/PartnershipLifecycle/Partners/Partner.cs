using PartnershipLifecycle.Platform.Commands;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using JasperFx.Events;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;

namespace PartnershipLifecycle.Partners;

/// <summary>
/// One industry organisation as seen by one institution: the state of its event stream.
/// Immutable; every <c>Apply</c> is the pure <c>(state, event) -> state</c> step, and Marten rebuilds the
/// partner from its events with them (inline snapshot, and live for <c>?version=</c> / <c>?asOf=</c>).
/// The stage follows the recording order (each command was decided on it); everything that is "the latest" or "the
/// first" of something follows the business dates, with recording order only breaking ties: back-dated entries are
/// normal, so an evaluation dated March entered after one dated November does not become the latest.
/// </summary>
[CommandAnswer(typeof(CommandAccepted))]
public sealed record Partner : IStreamAggregate
{
    public Guid Id { get; init; }

    /// <summary>
    /// The stream version; set by Marten. Equal to the stream's own version because the partner applies every
    /// event of its stream (a test checks every <see cref="IPartnerEvent"/> has an <c>Apply</c>).
    /// </summary>
    public long Version { get; init; }

    /// <summary>
    /// The institution (Marten's tenant) the partner belongs to: Marten fills it from the stored snapshot's tenant when it
    /// loads one (mapped in <see cref="Configuration.AddPartnerSnapshot"/>), for work that reads every tenant's
    /// partners; null on a partner folded live. Not in the snapshot's JSON.
    /// </summary>
    [JsonIgnore]
    public string? TenantId { get; init; }

    public required string Name { get; init; }
    public required string Sector { get; init; }
    public RecruitmentChannel Channel { get; init; }
    public string? Website { get; init; }

    /// <summary>The name as duplicates are recognised (see <see cref="PartnerNames"/>).</summary>
    public required string NormalisedName { get; init; }

    /// <summary>The website's domain as the first event recorded it (<c>acme.example</c>).</summary>
    public string? WebsiteDomain { get; init; }

    /// <summary>
    /// The website as duplicates are recognised: its domain, or its account on a shared host
    /// (<c>facebook.com/alphabakery</c>); null when it names no organisation (see <see cref="PartnerNames.WebsiteKey"/>).
    /// Computed from the website whenever the partner is built, so older events get today's key.
    /// </summary>
    public string? WebsiteKey { get; init; }

    /// <summary>
    /// The <see cref="PartnerNames.Version"/> that computed <see cref="NormalisedName"/> and <see cref="WebsiteKey"/>;
    /// a stored snapshot of an older version is rebuilt at start-up (<c>PartnerIdentityKeys</c>). 0 in snapshots
    /// stored before the field existed.
    /// </summary>
    public int IdentityKeysVersion { get; init; }

    public Guid? ReferredByPartnerId { get; init; }
    public ImmutableArray<Motivation> Motivations { get; init; } = [];
    public Stage Stage { get; init; }

    /// <summary>The business date the partner was identified (<c>prospect_identified</c>'s <c>occurredOn</c>).</summary>
    public DateOnly ProspectedOn { get; init; }

    /// <summary>
    /// The business date the partner entered its current <see cref="Stage"/> (identified, reactivated, contacted, ...);
    /// <see cref="BusinessDates"/> keeps the next stage from starting before it. A snapshot stored before this was
    /// kept reads <c>0001-01-01</c> until the next stage change.
    /// </summary>
    public DateOnly StageSince { get; init; }

    /// <summary>The name as lists sort it: case and accents ignored (<see cref="Viewing.NameSortKey"/>).</summary>
    public string SortName => Viewing.NameSortKey.Of(Name);

    /// <summary>
    /// The business date the earliest open (not completed) follow-up is due, overdue or not; null when none is open.
    /// Duplicated into the snapshot's column <c>next_follow_up_on</c> so that Today's follow-ups due read an index
    /// (<see cref="Configuration.FollowUpsIndex"/>) instead of every partner's JSON.
    /// </summary>
    public DateOnly? NextFollowUpOn => FollowUps.IsDefault ? null : FollowUps.Where(f => f.CompletedOn is null).Min(f => (DateOnly?)f.DueOn);

    /// <summary>
    /// The last business day of the MOU in force, while the partner is not lost; null without one. Duplicated into the
    /// column <c>mou_ends_on</c> for Today's MOUs ending (<see cref="Configuration.MouEndsIndex"/>).
    /// </summary>
    public DateOnly? MouEndsOn => Stage == Stage.Lost ? null : ActiveMou?.EndsOn;

    /// <summary>The business date of the latest interaction (outreach, communication, engagement, ...).</summary>
    public DateOnly? LastInteractionOn { get; init; }

    public ImmutableArray<PartnerContact> Contacts { get; init; } = [];
    public ImmutableArray<FollowUp> FollowUps { get; init; } = [];
    public PitchSummary? LatestPitch { get; init; }
    public Pilot? Pilot { get; init; }
    public Mou? ActiveMou { get; init; }
    public EvaluationSummary? LatestEvaluation { get; init; }
    public Pause? Pause { get; init; }
    public Loss? Loss { get; init; }

    /// <summary>How many times the partner was won back after being lost.</summary>
    public int Reactivations { get; init; }

    public static Partner Create(IEvent<ProspectIdentified> identified) => FromProspect(identified.StreamId, identified.Data);

    private static Partner FromProspect(Guid id, ProspectIdentified e) => new()
    {
        Id = id,
        Name = e.Name,
        NormalisedName = PartnerNames.Normalise(e.Name),
        WebsiteDomain = e.WebsiteDomain,
        WebsiteKey = PartnerNames.WebsiteKey(e.Website),
        IdentityKeysVersion = PartnerNames.Version,
        Sector = e.Sector,
        Channel = e.Channel,
        Website = e.Website,
        ReferredByPartnerId = e.ReferredByPartnerId,
        Motivations = [.. e.Motivations],
        Stage = Stage.Prospect,
        ProspectedOn = e.OccurredOn,
        StageSince = e.OccurredOn,
    };

    public Partner Apply(OutreachLogged e) => Interacted(e.OccurredOn) with
    {
        Stage = StageTransitions.After(Stage, e),
        StageSince = StageSinceAfter(e),
    };

    public Partner Apply(FollowUpScheduled e) => this with
    {
        FollowUps = FollowUps.Add(new FollowUp(e.FollowUpId, e.DueOn, e.Purpose, e.Owner, e.ScheduledOn)),
    };

    // A follow-up is completed once (the decision refuses a second); the earliest completion date stands.
    public Partner Apply(FollowUpCompleted e) => Interacted(e.OccurredOn) with
    {
        FollowUps = FollowUps.Replace(e.FollowUpId, f => f.FollowUpId,
            f => f.CompletedOn is { } done && done <= e.OccurredOn ? f : f with { CompletedOn = e.OccurredOn, Outcome = e.Outcome }),
    };

    public Partner Apply(PitchDelivered e) => Interacted(e.OccurredOn) with
    {
        Stage = StageTransitions.After(Stage, e),
        StageSince = StageSinceAfter(e),
        LatestPitch = LatestPitch is { } latest && latest.DeliveredOn > e.OccurredOn
            ? latest
            : new PitchSummary(e.ValueProposition, [.. e.Offerings], e.OccurredOn, null),
    };

    // An outcome dated before the latest pitch answers an earlier pitch, not the latest one.
    public Partner Apply(PitchOutcomeRecorded e) => this with
    {
        LatestPitch = LatestPitch is null || e.OccurredOn < LatestPitch.DeliveredOn ? LatestPitch : LatestPitch with { Outcome = e.Outcome },
    };

    public Partner Apply(PilotStarted e) => Interacted(e.StartsOn) with
    {
        Stage = StageTransitions.After(Stage, e),
        StageSince = StageSinceAfter(e),
        Pilot = new Pilot(e.Description, e.StartsOn, e.EndsOn),
    };

    public Partner Apply(PilotCompleted e) => Interacted(e.OccurredOn) with
    {
        Pilot = Pilot is null ? null : Pilot with
        {
            CompletedOn = e.OccurredOn, Rating = e.Rating, Feedback = e.Feedback, Testimonial = e.Testimonial,
        },
    };

    public Partner Apply(MouSigned e) => Interacted(e.SignedOn) with
    {
        Stage = StageTransitions.After(Stage, e),
        StageSince = StageSinceAfter(e),
        ActiveMou = new Mou(e.SignedOn, e.StartsOn, e.EndsOn, e.Commitments,
            [.. e.PartnerResponsibilities], [.. e.InstitutionResponsibilities]),
    };

    // The commitments in force are the latest amendment's by date; an amendment dated before it is history.
    public Partner Apply(MouAmended e) => this with
    {
        ActiveMou = ActiveMou is null || ActiveMou.AmendedOn > e.OccurredOn
            ? ActiveMou
            : ActiveMou with { Commitments = e.Commitments, AmendedOn = e.OccurredOn },
    };

    // Each renewal names a later end than the one it found, so the end in force is the furthest; the renewal date is the latest.
    public Partner Apply(MouRenewed e) => this with
    {
        ActiveMou = ActiveMou is null ? null : ActiveMou with
        {
            EndsOn = e.EndsOn > ActiveMou.EndsOn ? e.EndsOn : ActiveMou.EndsOn,
            RenewedOn = ActiveMou.RenewedOn > e.OccurredOn ? ActiveMou.RenewedOn : e.OccurredOn,
        },
    };

    public Partner Apply(MouExpiring e) => this with
    {
        ActiveMou = ActiveMou is null ? null : ActiveMou with { ExpiryNoticeFor = e.EndsOn },
    };

    public Partner Apply(ContactAdded e) => Interacted(e.OccurredOn) with
    {
        Contacts = Contacts.Add(new PartnerContact(e.ContactId, e.Name, e.Email, e.Role, ContactStatus.Active, e.OccurredOn)),
    };

    // A contact's role is the one of the latest change by date (the role given when added counts from the day added).
    public Partner Apply(ContactRoleChanged e) => this with
    {
        Contacts = Contacts.Replace(e.ContactId, c => c.ContactId,
            c => (c.RoleSince ?? c.AddedOn) > e.OccurredOn ? c : c with { Role = e.Role, RoleSince = e.OccurredOn }),
    };

    public Partner Apply(ContactDeparted e) => this with
    {
        Contacts = Contacts.Replace(e.ContactId, c => c.ContactId,
            c => c with { Status = ContactStatus.Departed, DepartedOn = e.OccurredOn, MovedTo = e.MovedTo }),
    };

    public Partner Apply(CommunicationLogged e) => Interacted(e.OccurredOn);

    public Partner Apply(EngagementDelivered e) => Interacted(e.OccurredOn);

    public Partner Apply(EvaluationRecorded e) => Interacted(e.OccurredOn) with
    {
        LatestEvaluation = LatestEvaluation is { } latest && latest.RecordedOn > e.OccurredOn
            ? latest
            : new EvaluationSummary(e.Period, e.OccurredOn, e.MeanScore()),
    };

    public Partner Apply(PartnershipPaused e) => this with
    {
        Stage = StageTransitions.After(Stage, e),
        StageSince = StageSinceAfter(e),
        Pause = new Pause(e.Reason, e.OccurredOn),
    };

    public Partner Apply(PartnershipResumed e) => this with
    {
        Stage = StageTransitions.After(Stage, e),
        StageSince = StageSinceAfter(e),
        Pause = null,
    };

    public Partner Apply(PartnershipLost e) => this with
    {
        Stage = StageTransitions.After(Stage, e),
        StageSince = StageSinceAfter(e),
        Pause = null,
        ActiveMou = null,
        Loss = new Loss(e.Reason, e.Note, e.OccurredOn, e.FromStage),
    };

    public Partner Apply(PartnershipReactivated e) => this with
    {
        Stage = StageTransitions.After(Stage, e),
        StageSince = StageSinceAfter(e),
        Loss = null,
        Pilot = null,
        LatestPitch = null,
        Reactivations = Reactivations + 1,
    };

    // Facts about turnover alerts change nothing the partner's commands decide on, but the snapshot applies them
    // so that its Version is always the stream's: If-Match and every read answer the version a client can send.
    public Partner Apply(TurnoverAlertAcknowledged e) => this;

    public Partner Apply(TurnoverAlertEscalated e) => this;

    // A new stage starts on the event's date; an event that keeps the stage keeps its start.
    private DateOnly StageSinceAfter(IPartnerEvent e)
    {
        if (StageTransitions.After(Stage, e) != Stage)
        {
            return e.OccurredOn;
        }

        // A back-dated entry into the stage the partner is in (the first outreach or pitch typed in after a later one):
        // the stage began on the earlier date.
        var entersCurrentStage = (e, Stage) is (OutreachLogged, Stage.Contacted) or (PitchDelivered, Stage.Pitched);
        return entersCurrentStage && e.OccurredOn < StageSince ? e.OccurredOn : StageSince;
    }

    // Interactions keep the latest business date, not the latest recorded one: back-dated entries are normal.
    private Partner Interacted(DateOnly on) =>
        LastInteractionOn is { } last && last >= on ? this : this with { LastInteractionOn = on };

    public PartnerContact? FindContact(Guid contactId) => Contacts.FirstOrDefault(c => c.ContactId == contactId);

    public FollowUp? FindFollowUp(Guid followUpId) => FollowUps.FirstOrDefault(f => f.FollowUpId == followUpId);

    [JsonIgnore]
    public IEnumerable<PartnerContact> ActiveContacts => Contacts.Where(c => c.Status == ContactStatus.Active);
}

public sealed record PartnerContact(
    Guid ContactId,
    string Name,
    string? Email,
    ContactRole Role,
    ContactStatus Status,
    DateOnly AddedOn,
    DateOnly? DepartedOn = null,
    string? MovedTo = null,
    DateOnly? RoleSince = null);

public sealed record FollowUp(
    Guid FollowUpId,
    DateOnly DueOn,
    string Purpose,
    string? Owner,
    DateOnly ScheduledOn,
    DateOnly? CompletedOn = null,
    string? Outcome = null)
{
    public bool IsOverdueOn(DateOnly today) => CompletedOn is null && DueOn < today;
}

public sealed record PitchSummary(string ValueProposition, ImmutableArray<Offering> Offerings, DateOnly DeliveredOn, PitchOutcome? Outcome);

public sealed record Pilot(
    string Description,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateOnly? CompletedOn = null,
    int? Rating = null,
    string? Feedback = null,
    string? Testimonial = null);

public sealed record Mou(
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    Commitments Commitments,
    ImmutableArray<string> PartnerResponsibilities,
    ImmutableArray<string> InstitutionResponsibilities,
    DateOnly? AmendedOn = null,
    DateOnly? RenewedOn = null,
    DateOnly? ExpiryNoticeFor = null);

/// <summary>The latest evaluation by business date: <see cref="RecordedOn"/> is its <c>occurredOn</c>.</summary>
public sealed record EvaluationSummary(string Period, DateOnly RecordedOn, double MeanScore);

public sealed record Pause(string Reason, DateOnly Since);

public sealed record Loss(LossReason Reason, string? Note, DateOnly On, Stage FromStage);

internal static class ImmutableArrayExtensions
{
    public static ImmutableArray<T> Replace<T, TKey>(this ImmutableArray<T> items, TKey key, Func<T, TKey> keyOf, Func<T, T> change)
        where TKey : IEquatable<TKey> =>
        items.Select(item => keyOf(item).Equals(key) ? change(item) : item).ToImmutableArray();
}
