using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.FollowingUp;

public class FollowUpDecisionTests
{
    private static readonly Guid FollowUpId = Guid.NewGuid();
    private static readonly DateOnly Due = Given.Day.AddDays(7);

    private static Partner WithFollowUp(params object[] more) =>
        Given.Partner([new FollowUpScheduled(FollowUpId, Due, "send the brochure", "ann", Given.Day), .. more]);

    [Fact]
    public void Scheduling_records_the_due_date_purpose_owner_and_today()
    {
        var decision = ScheduleFollowUpEndpoint.Decide(Given.InStage(Stage.Contacted),
            new ScheduleFollowUp(FollowUpId, Due, "send the brochure", "ann"), Given.Day.AddDays(1));

        decision.Events.ShouldBe([new FollowUpScheduled(FollowUpId, Due, "send the brochure", "ann", Given.Day.AddDays(1))]);
    }

    [Fact]
    public void A_follow_up_id_is_used_once() =>
        ScheduleFollowUpEndpoint.Decide(WithFollowUp(), new ScheduleFollowUp(FollowUpId, Due, "again"), Given.Day)
            .Rejection!.Kind.ShouldBe(RejectionKind.Conflict);

    [Fact]
    public void Completing_records_the_outcome()
    {
        var decision = CompleteFollowUpEndpoint.Decide(WithFollowUp(),
            new CompleteFollowUp(Given.Day.AddDays(3), "they want a site visit"), FollowUpId);

        decision.Events.ShouldBe([new FollowUpCompleted(FollowUpId, Given.Day.AddDays(3), "they want a site visit")]);
    }

    [Fact]
    public void A_follow_up_completes_once() =>
        CompleteFollowUpEndpoint.Decide(WithFollowUp(new FollowUpCompleted(FollowUpId, Given.Day, null)),
                new CompleteFollowUp(Given.Day), FollowUpId)
            .Rejection!.Kind.ShouldBe(RejectionKind.Conflict);

    [Fact]
    public void An_unknown_follow_up_is_not_found() =>
        CompleteFollowUpEndpoint.Decide(WithFollowUp(), new CompleteFollowUp(Given.Day), Guid.NewGuid())
            .Rejection!.Kind.ShouldBe(RejectionKind.NotFound);

    [Fact]
    public void Overdue_means_open_and_past_its_due_date()
    {
        var followUp = WithFollowUp().FollowUps.Single();
        followUp.IsOverdueOn(Due).ShouldBeFalse();
        followUp.IsOverdueOn(Due.AddDays(1)).ShouldBeTrue();
        (followUp with { CompletedOn = Due }).IsOverdueOn(Due.AddDays(5)).ShouldBeFalse();
    }
}
