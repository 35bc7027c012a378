using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Evaluating;

/// <summary>A periodic review against the critical success factors of seed 000 (each score 1–5).</summary>
/// <param name="Period">The period reviewed, e.g. <c>2026 spring</c>.</param>
/// <param name="StudentSatisfaction">How satisfied the students were, 1–5.</param>
/// <param name="PartnerSatisfaction">How satisfied the partner was, 1–5.</param>
/// <param name="MentorPreparedness">How prepared the partner's mentors were, 1–5.</param>
/// <param name="StudentInterest">How interested the students were, 1–5.</param>
/// <param name="Hires">Students or graduates the partner hired in the period.</param>
/// <param name="Note">The reviewer's note.</param>
public sealed record EvaluationRecorded(
    [NameText] string Period,
    [Score] int StudentSatisfaction,
    [Score] int PartnerSatisfaction,
    [Score] int MentorPreparedness,
    [Score] int StudentInterest,
    [Between(0, 100_000)] int Hires,
    [FreeText] string? Note,
    DateOnly OccurredOn) : IPartnerEvent
{
    public double MeanScore() => (StudentSatisfaction + PartnerSatisfaction + MentorPreparedness + StudentInterest) / 4.0;
}

/// <summary>Records an evaluation of the partnership for a period: satisfaction scores from 1 to 5 and hires. Allowed in <c>active</c> and <c>paused</c>. <c>POST /api/partners/{id}/evaluations</c>.</summary>
public sealed record RecordEvaluation(
    string Period,
    int StudentSatisfaction,
    int PartnerSatisfaction,
    int MentorPreparedness,
    int StudentInterest,
    int Hires,
    DateOnly OccurredOn,
    string? Note = null)
{
    public sealed class Rules : AbstractValidator<RecordEvaluation>
    {
        public Rules()
        {
            RuleFor(x => x.Period).RequiredName();
            RuleFor(x => x.StudentSatisfaction).Score();
            RuleFor(x => x.PartnerSatisfaction).Score();
            RuleFor(x => x.MentorPreparedness).Score();
            RuleFor(x => x.StudentInterest).Score();
            RuleFor(x => x.Hires).InclusiveBetween(0, 100_000).WithMessage(_ => ApiText.Format("Number.Range", ("field", "hires"), ("min", 0), ("max", 100_000)));
            RuleFor(x => x.Note).OptionalText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class RecordEvaluationEndpoint
{
    [WolverinePost("/api/partners/{id}/evaluations"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, RecordEvaluation command) =>
        StageRules.Require<RecordEvaluation>(partner)
        ?? Decision.Accept(new EvaluationRecorded(command.Period.Trim(), command.StudentSatisfaction, command.PartnerSatisfaction,
            command.MentorPreparedness, command.StudentInterest, command.Hires, command.Note, command.OccurredOn));
}
