using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Identifying;

/// <summary>A new prospect, found through a recruitment channel. Starts the partner's stream.</summary>
/// <param name="Name">The organisation's name as the coordinator wrote it.</param>
/// <param name="Sector">The industry the organisation works in, e.g. <c>creative_technology</c>.</param>
/// <param name="Website">The organisation's website as entered, e.g. <c>https://www.acme.example/careers</c>.</param>
/// <param name="ReferredByPartnerId">The partner that referred this one; only for <c>partner_referral</c>.</param>
/// <param name="Motivations">Why the organisation says it takes part, each once.</param>
/// <param name="Note">The coordinator's note.</param>
/// <param name="WebsiteDomain">
/// The organisation's web domain taken from the website, e.g. <c>acme.example</c>: how a second approach to the
/// same organisation is recognised. Null without a website. New in version 2; version 1 events get it on reading.
/// </param>
[EventContract(Version = 2)]
public sealed record ProspectIdentified(
    [NameText] string Name,
    [NameText] string Sector,
    RecruitmentChannel Channel,
    [NameText] string? Website,
    Guid? ReferredByPartnerId,
    [ListSize(Max = Limits.ListItems)] IReadOnlyList<Motivation> Motivations,
    [FreeText] string? Note,
    DateOnly OccurredOn,
    [NameText] string? WebsiteDomain = null) : IPartnerEvent;

/// <summary>Identifies a prospect found through a recruitment channel and starts its stream (201 with <c>Location</c>); 409 with <c>existingPartnerId</c> when the same organisation (by name or website) is already a partner, unless <c>allowDuplicate</c>. <c>POST /api/partners</c>.</summary>
public sealed record IdentifyProspect(
    Guid? Id,
    string Name,
    string Sector,
    RecruitmentChannel Channel,
    string? Website = null,
    Guid? ReferredByPartnerId = null,
    IReadOnlyList<Motivation>? Motivations = null,
    string? Note = null,
    DateOnly? OccurredOn = null,
    bool AllowDuplicate = false) : IStartsStream<Partner>
{
    public sealed class Rules : AbstractValidator<IdentifyProspect>
    {
        public Rules()
        {
            RuleFor(x => x.Id).NotEqual(Guid.Empty).WithMessage(_ => ApiText.Format("Id.Empty", ("field", "id")));
            RuleFor(x => x.Name).RequiredName();
            RuleFor(x => x.Sector).RequiredName();
            RuleFor(x => x.Channel).Known();
            RuleFor(x => x.Website).OptionalName()
                .Must(w => w is null || PartnerNames.IsWebsite(w))
                .WithMessage(_ => ApiText.Format("Prospect.Website"));
            RuleFor(x => x.ReferredByPartnerId)
                .NotNull().When(x => x.Channel == RecruitmentChannel.PartnerReferral)
                .WithMessage(_ => ApiText.Format("Prospect.ReferrerRequired"));
            RuleFor(x => x.ReferredByPartnerId)
                .Null().When(x => x.Channel != RecruitmentChannel.PartnerReferral)
                .WithMessage(_ => ApiText.Format("Prospect.ReferrerOnlyForReferral"));
            RuleFor(x => x.Motivations)
                .Must(m => m is null || m.Count <= Limits.ListItems).WithMessage(_ => ApiText.Format("Items.TooManyNamed", ("field", "motivations"), ("max", Limits.ListItems)));
            RuleForEach(x => x.Motivations).Known();
            RuleFor(x => x.Note).OptionalText();
            RuleFor(x => x.OccurredOn).NotInFuture().NotBeforeEarliest();
        }
    }
}

public static class IdentifyProspectEndpoint
{
    /// <summary>What the decision looks at besides the command, looked up in the same transaction.</summary>
    /// <param name="Today">The institution's business date: the default <c>occurredOn</c>.</param>
    /// <param name="IdTaken">A stream with the requested id exists already.</param>
    /// <param name="ExistingPartnerId">The earliest partner with the same normalised name or website, if any.</param>
    /// <param name="ReferrerExists">The referring partner is one of this institution's.</param>
    public sealed record Facts(DateOnly Today, bool IdTaken, Guid? ExistingPartnerId, bool ReferrerExists);

    /// <summary>The service names the new partner when the client did not.</summary>
    public static IdentifyProspect Before(IdentifyProspect command) => command with { Id = command.Id ?? Guid.CreateVersion7() };

    /// <summary>
    /// The facts, with creations in one tenant taking turns (a transaction-scoped advisory lock, held until the
    /// command's transaction ends), so two programmes registering the same employer at the same moment cannot both
    /// pass the duplicate check.
    /// </summary>
    public static async Task<Facts> LoadAsync(IdentifyProspect command, IDocumentSession session, InstitutionCalendar calendar, CancellationToken ct)
    {
        var name = PartnerNames.Normalise(command.Name);
        var website = PartnerNames.WebsiteKey(command.Website);

        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<long>("select count(*) from (select pg_advisory_xact_lock(hashtext(?))) as registration",
            ct, "partner-registration:" + session.TenantId);

        return new Facts(
            calendar.Today(session.TenantId),
            IdTaken: command.Id is { } id && await session.Events.FetchStreamStateAsync(id, ct) is not null,
            ExistingPartnerId: (await session.Query<Partner>()
                .Where(p => p.NormalisedName == name || (website != null && p.WebsiteKey == website))
                .OrderBy(p => p.ProspectedOn)
                .Select(p => p.Id)
                .Take(1)
                .ToListAsync(ct)).Cast<Guid?>().FirstOrDefault(),
            ReferrerExists: command.ReferredByPartnerId is { } referrer && await session.LoadAsync<Partner>(referrer, ct) is not null);
    }

    [WolverinePost("/api/partners"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(IdentifyProspect command, Facts facts)
    {
        var partnerId = command.Id ?? throw new ArgumentException("Before assigns the new partner's id.", nameof(command));
        if (facts.IdTaken)
        {
            return Rejection.IdTaken("What.APartner", partnerId);
        }

        if (command.ReferredByPartnerId is { } referrer && (!facts.ReferrerExists || referrer == partnerId))
        {
            return Rejection.Invalid("referredByPartnerId", ApiText.Format("Prospect.ReferrerUnknown", ("id", referrer)));
        }

        if (facts.ExistingPartnerId is { } existing && !command.AllowDuplicate)
        {
            return Rejection.Conflict(
                ApiText.Format("Prospect.Duplicate", ("id", existing)),
                new Dictionary<string, object?> { ["existingPartnerId"] = existing },
                ApiText.Format("Title.Duplicate"));
        }

        return Decision.Accept(new ProspectIdentified(
            command.Name.Trim(),
            command.Sector.Trim(),
            command.Channel,
            command.Website?.Trim(),
            command.ReferredByPartnerId,
            command.Motivations?.Distinct().ToArray() ?? [],
            command.Note,
            command.OccurredOn ?? facts.Today,
            PartnerNames.DomainOf(command.Website)));
    }
}
