using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

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

/// <summary><c>POST /api/partners</c></summary>
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
    bool AllowDuplicate = false) : PartnerCommand
{
    public sealed class Rules : AbstractValidator<IdentifyProspect>
    {
        public Rules()
        {
            RuleFor(x => x.Id).NotEqual(Guid.Empty).WithMessage("'id' may not be the empty UUID.");
            RuleFor(x => x.Name).RequiredName();
            RuleFor(x => x.Sector).RequiredName();
            RuleFor(x => x.Channel).Known();
            RuleFor(x => x.Website).OptionalName()
                .Must(w => w is null || PartnerNames.DomainOf(w) is not null)
                .WithMessage("'website' must be a web address or domain, e.g. https://example.com.");
            RuleFor(x => x.ReferredByPartnerId)
                .NotNull().When(x => x.Channel == RecruitmentChannel.PartnerReferral)
                .WithMessage("'referredByPartnerId' is required when the channel is partner_referral.");
            RuleFor(x => x.ReferredByPartnerId)
                .Null().When(x => x.Channel != RecruitmentChannel.PartnerReferral)
                .WithMessage("'referredByPartnerId' is only given when the channel is partner_referral.");
            RuleFor(x => x.Motivations)
                .Must(m => m is null || m.Count <= Limits.ListItems).WithMessage($"'motivations' may hold at most {Limits.ListItems} items.");
            RuleForEach(x => x.Motivations).Known();
            RuleFor(x => x.Note).OptionalText();
            RuleFor(x => x.OccurredOn).NotInFuture().NotBeforeEarliest();
        }
    }
}

public static class IdentifyProspectEndpoint
{
    private static readonly IdentifyProspect.Rules Rules = new();

    public static ProblemDetails Validate(IdentifyProspect command, InstitutionCalendar calendar, HttpContext http) =>
        Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(IdentifyProspect command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, command.Id ?? Guid.CreateVersion7(), command);
}

public static class IdentifyProspectHandler
{
    /// <summary>What the handler looked up before deciding.</summary>
    public sealed record Facts(DateOnly Today, bool IdTaken, Guid? ExistingPartnerId, bool ReferrerExists);

    public static Decision Decide(IdentifyProspect command, Facts facts)
    {
        if (facts.IdTaken)
        {
            return Rejection.IdTaken("A partner", command.PartnerId);
        }

        if (command.ReferredByPartnerId is { } referrer && (!facts.ReferrerExists || referrer == command.PartnerId))
        {
            return Rejection.Invalid("referredByPartnerId", $"'referredByPartnerId' names no partner of this institution ({referrer}).");
        }

        if (facts.ExistingPartnerId is { } existing && !command.AllowDuplicate)
        {
            return Rejection.Conflict(
                $"This institution already has partner {existing} with the same name or website; " +
                "work with it (or reactivate it), or send allowDuplicate: true for a distinct organisation.",
                new Dictionary<string, object?> { ["existingPartnerId"] = existing },
                "The organisation is already a partner.");
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

    public static async Task<(CommandOutcome, IMartenOp)> Handle(
        IdentifyProspect command, IDocumentSession session, TimeProvider clock, InstitutionCalendar calendar, CancellationToken ct)
    {
        var name = PartnerNames.Normalise(command.Name);
        var website = PartnerNames.WebsiteKey(command.Website);

        // Creations in one tenant take turns, so two programmes registering the same employer at the
        // same moment cannot both pass the duplicate check.
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<long>("select count(*) from (select pg_advisory_xact_lock(hashtext(?))) as registration",
            ct, "partner-registration:" + session.TenantId);

        var facts = new Facts(
            calendar.Today(session.TenantId),
            IdTaken: await session.Events.FetchStreamStateAsync(command.PartnerId, ct) is not null,
            ExistingPartnerId: (await session.Query<Partner>()
                .Where(p => p.NormalisedName == name || (website != null && p.WebsiteKey == website))
                .OrderBy(p => p.ProspectedOn)
                .Select(p => p.Id)
                .Take(1)
                .ToListAsync(ct)).Cast<Guid?>().FirstOrDefault(),
            ReferrerExists: command.ReferredByPartnerId is { } referrer && await session.LoadAsync<Partner>(referrer, ct) is not null);

        var decision = Decide(command, facts);
        if (decision.Rejection is { } rejection)
        {
            return (CommandOutcome.Rejected(command.PartnerId, rejection), MartenOps.Nothing());
        }

        var outcome = new CommandOutcome(command.PartnerId, decision.Events.Count, Created: true);
        command.RememberAnswer(outcome, session, clock);
        return (outcome, MartenOps.StartStream<Partner>(command.PartnerId, [.. decision.Events]));
    }
}
