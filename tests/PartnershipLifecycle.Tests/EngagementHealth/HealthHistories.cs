using System.Text.Json.Nodes;
using CsCheck;
using PartnershipLifecycle.Platform.Json;
using JasperFx.Events;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;

namespace PartnershipLifecycle.Tests.EngagementHealth;

/// <summary>
/// Generated partner histories for health: every input health reads (interactions, follow-ups due around today, an MOU
/// with placements, engagements, contacts leaving, evaluations, a loss and a win-back), dated relative to a day.
/// The histories need not keep the API's date rules: health is a function of whatever was recorded.
/// </summary>
public sealed record HealthHistory(
    int ProspectedAgo,
    int StageSteps,
    int MouStartsIn,
    int MouDays,
    int PlacementsPerYear,
    (int Type, int Ago, int Students)[] Engagements,
    (bool Champion, int Ago, bool Departs, int DepartsAgo)[] Contacts,
    (int S1, int S2, int S3, int S4, int Ago)[] Evaluations,
    (int DueIn, bool Completed, int CompletedAgo)[] FollowUps,
    int[] CommunicationsAgo,
    bool Lost,
    bool Reactivated)
{
    public static readonly Gen<HealthHistory> Gen =
        from prospected in CsCheck.Gen.Int[0, 500]
        from steps in CsCheck.Gen.Int[0, 3]
        from mouStarts in CsCheck.Gen.Int[-500, 30]
        from mouDays in CsCheck.Gen.Int[100, 900]
        from placements in CsCheck.Gen.Int[0, 12]
        from engagements in CsCheck.Gen.Select(CsCheck.Gen.Int[0, 2], CsCheck.Gen.Int[0, 500], CsCheck.Gen.Int[0, 4]).Array[0, 6]
        from contacts in CsCheck.Gen.Select(CsCheck.Gen.Bool, CsCheck.Gen.Int[0, 500], CsCheck.Gen.Bool, CsCheck.Gen.Int[0, 400]).Array[0, 3]
        from evaluations in CsCheck.Gen.Select(CsCheck.Gen.Int[1, 5], CsCheck.Gen.Int[1, 5], CsCheck.Gen.Int[1, 5], CsCheck.Gen.Int[1, 5], CsCheck.Gen.Int[0, 400]).Array[0, 2]
        from followUps in CsCheck.Gen.Select(CsCheck.Gen.Int[-90, 90], CsCheck.Gen.Bool, CsCheck.Gen.Int[0, 60]).Array[0, 3]
        from communications in CsCheck.Gen.Int[0, 200].Array[0, 2]
        from lost in CsCheck.Gen.Int[0, 9]
        from reactivated in CsCheck.Gen.Bool
        select new HealthHistory(prospected, steps, mouStarts, mouDays, placements, engagements, contacts, evaluations, followUps, communications,
            lost == 0, reactivated);

    /// <summary>The events, in recording order, dated relative to <paramref name="today"/>.</summary>
    public object[] Events(DateOnly today, string name)
    {
        DateOnly Ago(int days) => today.AddDays(-days);
        var events = new List<object>
        {
            new ProspectIdentified(name, "manufacturing", RecruitmentChannel.Inbound, null, null, [], null, Ago(ProspectedAgo)),
        };
        if (StageSteps >= 1)
        {
            events.Add(new OutreachLogged(OutreachChannel.Email, "hello", Ago(ProspectedAgo / 2)));
        }

        if (StageSteps >= 2)
        {
            events.Add(new PitchDelivered("pipeline", [Offering.WorkPlacement], Ago(ProspectedAgo / 3)));
        }

        if (StageSteps >= 3)
        {
            var starts = today.AddDays(MouStartsIn);
            events.Add(new MouSigned(starts, starts, starts.AddDays(MouDays), new Commitments(PlacementsPerYear, 1, 2, false), [], []));
        }

        var types = new[] { EngagementType.WorkPlacement, EngagementType.GuestTalk, EngagementType.MentoringSession };
        events.AddRange(Engagements.Select(e => new EngagementDelivered(types[e.Type], Ago(e.Ago), e.Students, 1m, null)));
        var ids = Contacts.Select((_, i) => Guid.NewGuid()).ToArray();
        events.AddRange(Contacts.Select((c, i) => new ContactAdded(ids[i], $"Contact {i}", null, c.Champion ? ContactRole.Champion : ContactRole.Mentor, Ago(c.Ago))));
        events.AddRange(Evaluations.Select(e => new EvaluationRecorded("term", e.S1, e.S2, e.S3, e.S4, 0, null, Ago(e.Ago))));
        var followUpIds = FollowUps.Select(_ => Guid.NewGuid()).ToArray();
        events.AddRange(FollowUps.Select((f, i) => new FollowUpScheduled(followUpIds[i], today.AddDays(f.DueIn), "check in", null, Ago(Math.Max(0, -f.DueIn)))));
        events.AddRange(FollowUps.Select((f, i) => (f, i)).Where(x => x.f.Completed).Select(x => new FollowUpCompleted(followUpIds[x.i], Ago(x.f.CompletedAgo), null)));
        events.AddRange(CommunicationsAgo.Select(ago => new CommunicationLogged(CommunicationChannel.Email, CommunicationDirection.Outbound, "note", Ago(ago))));
        events.AddRange(Contacts.Select((c, i) => (c, i)).Where(x => x.c.Departs)
            .Select(x => new ContactDeparted(ids[x.i], x.c.Champion ? ContactRole.Champion : ContactRole.Mentor, Ago(x.c.DepartsAgo), null, null)));
        if (Lost)
        {
            events.Add(new PartnershipLost(LossReason.CapacityChange, null, today, Stage.Contacted));
            if (Reactivated)
            {
                events.Add(new PartnershipReactivated(RecruitmentChannel.Inbound, null, today));
            }
        }

        return [.. events];
    }

    /// <summary>The persisted document these events fold into, as the projection folds it (no database).</summary>
    public static PartnerHealthRecord Fold(PartnerHealthProjection projection, Guid id, IEnumerable<object> events)
    {
        PartnerHealthRecord? record = null;
        var version = 0;
        foreach (var data in events)
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
            e.StreamId = id;
            e.Id = Guid.NewGuid();
            e.Version = ++version;
            e.Timestamp = DateTimeOffset.UnixEpoch.AddDays(version);
            record = projection.Evolve(record, id, e);
        }

        return record!;
    }
}

/// <summary>Health answers compared by value (their factors are lists).</summary>
public static class SameHealth
{
    public static string Text(PartnerHealth? h) => h is null ? "none"
        : $"{h.PartnerId} {h.PartnerName} {h.Score} {h.Band.ToWire()} {h.LastInteractionOn:yyyy-MM-dd} [{string.Join(" | ", h.Factors.Select(f => $"{f.Code} {f.Impact} {f.Detail} {(f.Values is null ? "" : System.Text.Json.JsonSerializer.Serialize(f.Values, PartnershipJson.Options))}"))}]";

    /// <summary>The same text of an answer's JSON.</summary>
    public static string Text(JsonNode h) =>
        $"{h["partnerId"]} {h["partnerName"]} {h["score"]} {h["band"]} {h["lastInteractionOn"]} [{string.Join(" | ", h["factors"]!.AsArray().Select(f => $"{f!["code"]} {f["impact"]} {f["detail"]} {f["values"]?.ToJsonString() ?? ""}"))}]";
}
