namespace PartnershipLifecycle.Partners.Evaluating;

/// <summary>A periodic review against the critical success factors of seed 000 (each score 1–5).</summary>
public sealed record EvaluationRecorded(
    string Period,
    int StudentSatisfaction,
    int PartnerSatisfaction,
    int MentorPreparedness,
    int StudentInterest,
    int Hires,
    string? Note,
    DateOnly OccurredOn) : IPartnerEvent
{
    public double MeanScore() => (StudentSatisfaction + PartnerSatisfaction + MentorPreparedness + StudentInterest) / 4.0;
}
