using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Engaging;

/// <summary>Work delivered with the partner for students: a placement, a mentoring session, a talk...</summary>
/// <param name="StudentsReached">How many students took part.</param>
/// <param name="Hours">How long it took, in hours.</param>
/// <param name="Note">The coordinator's note.</param>
public sealed record EngagementDelivered(
    EngagementType Type, DateOnly OccurredOn, [Between(0, 100_000)] int StudentsReached, [Between(0, 100_000)] decimal Hours, [FreeText] string? Note) : IPartnerEvent;

/// <summary>Records engagement delivered (a placement, mentoring, a guest session...) with students reached and hours, counted against the MOU's commitments. Allowed in <c>active</c> and <c>piloting</c>. <c>POST /api/partners/{id}/engagements</c>.</summary>
public sealed record RecordEngagement(EngagementType Type, DateOnly OccurredOn, int StudentsReached, decimal Hours, string? Note = null)
{
    public sealed class Rules : AbstractValidator<RecordEngagement>
    {
        public Rules()
        {
            RuleFor(x => x.Type).Known();
            RuleFor(x => x.OccurredOn).PastDate();
            RuleFor(x => x.StudentsReached).InclusiveBetween(0, 100_000).WithMessage(_ => ApiText.Format("Number.Range", ("field", "studentsReached"), ("min", 0), ("max", 100_000)));
            RuleFor(x => x.Hours).InclusiveBetween(0, 100_000).WithMessage(_ => ApiText.Format("Number.Range", ("field", "hours"), ("min", 0), ("max", 100_000)));
            RuleFor(x => x.Note).OptionalText();
        }
    }
}

public static class RecordEngagementEndpoint
{
    [WolverinePost("/api/partners/{id}/engagements"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, RecordEngagement command) =>
        StageRules.Require<RecordEngagement>(partner)
        ?? Decision.Accept(new EngagementDelivered(command.Type, command.OccurredOn, command.StudentsReached, command.Hours, command.Note));
}
