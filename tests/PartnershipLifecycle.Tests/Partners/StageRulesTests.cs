using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Tests.Support;
using static PartnershipLifecycle.Partners.Stage;

namespace PartnershipLifecycle.Tests.Partners;

/// <summary>docs/api.md's "allowed in stage" column, checked for every command in every stage (pure decisions).</summary>
public class StageRulesTests
{
    private static readonly DateOnly Day = Given.Day;
    private static readonly Stage[] NotLost = [Prospect, Contacted, Pitched, Stage.Piloting, Active, Paused];

    private static readonly Dictionary<string, (Func<Partner, Decision> Decide, Stage[] Allowed)> Commands = new()
    {
        ["outreach"] = (p => LogOutreachEndpoint.Decide(p, new LogOutreach(OutreachChannel.Phone, "call", Day)), NotLost),
        ["follow-ups"] = (p => ScheduleFollowUpEndpoint.Decide(p, new ScheduleFollowUp(Guid.NewGuid(), Day, "call back"), Day), NotLost),
        ["pitches"] = (p => DeliverPitchEndpoint.Decide(p, new DeliverPitch("talent", [Offering.Mentorship], Day)), [Contacted, Pitched]),
        ["pitch-outcome"] = (p => RecordPitchOutcomeEndpoint.Decide(p, new RecordPitchOutcome(PitchOutcome.Interested, Day)), [Pitched]),
        ["pilot"] = (p => StartPilotEndpoint.Decide(p, new StartPilot("demo", Day, Day.AddDays(5))), [Pitched]),
        ["pilot/complete"] = (p => CompletePilotEndpoint.Decide(p, new CompletePilot(Day.AddDays(5), 4, "good")), [Stage.Piloting]),
        ["mou"] = (p => SignMouEndpoint.Decide(p, new SignMou(Day, Day, Day.AddYears(2), new Commitments(1, 1, 1, false))), [Pitched, Stage.Piloting]),
        ["mou/amend"] = (p => AmendMouEndpoint.Decide(p, new AmendMou(new Commitments(2, 1, 1, false), Day, "more")), [Active, Paused]),
        ["mou/renew"] = (p => RenewMouEndpoint.Decide(p, new RenewMou(Day.AddYears(3), Day)), [Active, Paused]),
        ["contacts"] = (p => AddContactEndpoint.Decide(p, new AddContact(Guid.NewGuid(), "Nia", ContactRole.Hr, Day)), NotLost),
        ["communications"] = (p => LogCommunicationEndpoint.Decide(p,
            new LogCommunication(CommunicationChannel.Newsletter, CommunicationDirection.Outbound, "term news", Day)), NotLost),
        ["engagements"] = (p => RecordEngagementEndpoint.Decide(p, new RecordEngagement(EngagementType.GuestTalk, Day, 30, 2)), [Active, Stage.Piloting]),
        ["evaluations"] = (p => RecordEvaluationEndpoint.Decide(p, new RecordEvaluation("2026-S1", 4, 4, 4, 4, 1, Day)), [Active, Paused]),
        ["pause"] = (p => PausePartnershipEndpoint.Decide(p, new PausePartnership("busy", Day)), [Active]),
        ["resume"] = (p => ResumePartnershipEndpoint.Decide(p, new ResumePartnership(Day)), [Paused]),
        ["lost"] = (p => MarkPartnershipLostEndpoint.Decide(p, new MarkPartnershipLost(LossReason.Other, Day)), NotLost),
        ["reactivate"] = (p => ReactivatePartnershipEndpoint.Decide(p, new ReactivatePartnership(RecruitmentChannel.Inbound, Day)), [Lost]),
    };

    public static TheoryData<string, Stage> EveryCommandInEveryStage()
    {
        var data = new TheoryData<string, Stage>();
        foreach (var command in Commands.Keys)
        {
            foreach (var stage in Enum.GetValues<Stage>())
            {
                data.Add(command, stage);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommandInEveryStage))]
    public void A_command_is_decided_in_its_stages_and_refused_with_409_naming_the_stage_elsewhere(string command, Stage stage)
    {
        var (decide, allowed) = Commands[command];

        var decision = decide(Given.InStage(stage));

        if (allowed.Contains(stage))
        {
            decision.Rejection.ShouldBeNull();
            decision.Events.ShouldNotBeEmpty();
        }
        else
        {
            decision.Rejection!.Kind.ShouldBe(RejectionKind.Conflict);
            decision.Rejection.Extensions!["stage"].ShouldBe(stage.ToString().ToLowerInvariant());
            decision.Rejection.Detail.ShouldContain($"'{stage.ToString().ToLowerInvariant()}'");
            decision.Events.ShouldBeEmpty();
        }
    }

    [Theory]
    [InlineData(Prospect)]
    [InlineData(Active)]
    [InlineData(Lost)]
    public void A_contact_may_depart_in_any_stage(Stage stage)
    {
        var contactId = Guid.NewGuid();
        var partner = Given.Evolve(Given.InStage(stage), new ContactAdded(contactId, "Chloe", null, ContactRole.Champion, Day));

        partner.Stage.ShouldBe(stage);
        RecordContactDepartureEndpoint.Decide(partner, new RecordContactDeparture(Day), contactId)
            .IsAccepted.ShouldBeTrue();
    }
}
