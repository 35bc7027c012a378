using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PartnershipLifecycle.Partners.FollowingUp;

/// <summary>A follow-up planned with the partner ("tight follow-ups", seed 001).</summary>
/// <param name="FollowUpId">Names the follow-up when it is completed.</param>
/// <param name="DueOn">When it should happen; after that, until completed, it is overdue.</param>
/// <param name="Purpose">What the follow-up is for.</param>
/// <param name="Owner">Who at the institution takes care of it.</param>
/// <param name="ScheduledOn">The day it was planned (the event's business date).</param>
public sealed record FollowUpScheduled(Guid FollowUpId, DateOnly DueOn, [FreeText] string Purpose, [NameText] string? Owner, DateOnly ScheduledOn) : IPartnerEvent
{
    DateOnly IPartnerEvent.OccurredOn => ScheduledOn;
}

/// <summary><c>POST /api/partners/{id}/follow-ups</c></summary>
public sealed record ScheduleFollowUp(Guid? FollowUpId, DateOnly DueOn, string Purpose, string? Owner = null) : PartnerCommand
{
    public override CommandOutcome Describe(CommandOutcome accepted) => accepted with { FollowUpId = FollowUpId };

    public sealed class Rules : AbstractValidator<ScheduleFollowUp>
    {
        public Rules()
        {
            RuleFor(x => x.FollowUpId).NotEqual(Guid.Empty).WithMessage("'followUpId' may not be the empty UUID.");
            RuleFor(x => x.DueOn).RequiredDate().NotFarAhead();
            RuleFor(x => x.Purpose).RequiredText();
            RuleFor(x => x.Owner).OptionalName();
        }
    }
}

public static class ScheduleFollowUpEndpoint
{
    private static readonly ScheduleFollowUp.Rules Rules = new();

    public static ProblemDetails Validate(ScheduleFollowUp command, InstitutionCalendar calendar, HttpContext http, IOptions<DateLimits> limits) =>
        Validation.Check(command, Rules, calendar, http, limits.Value);

    [WolverinePost("/api/partners/{id}/follow-ups"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, ScheduleFollowUp command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command with { FollowUpId = command.FollowUpId ?? Guid.CreateVersion7() });
}

public static class ScheduleFollowUpHandler
{
    public static Decision Decide(Partner partner, ScheduleFollowUp command, DateOnly today)
    {
        var followUpId = command.FollowUpId ?? throw new ArgumentException("The endpoint assigns the follow-up id.", nameof(command));
        return StageRules.Require(partner, "schedule a follow-up", StageRules.NotLost)
            ?? (partner.FindFollowUp(followUpId) is not null ? Rejection.IdTaken("A follow-up", followUpId) : null)
            ?? Decision.Accept(new FollowUpScheduled(followUpId, command.DueOn, command.Purpose, command.Owner, today));
    }

    public static (CommandOutcome, Events) Handle(
        ScheduleFollowUp command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock,
        InstitutionCalendar calendar) =>
        command.Conclude(partner, (p, c) => Decide(p, c, calendar.Today(session.TenantId)), session, clock);
}
