using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners;

/// <summary>
/// Today's follow-ups due and MOUs ending (issue 17) read the snapshot's columns <c>next_follow_up_on</c> and
/// <c>mou_ends_on</c> through their indexes, and a page of them is exactly the first follow-ups of the whole answer
/// (computed here by brute force over every partner).
/// </summary>
public class TodayListsTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly string[] Names = ["Zeta", "alpha", "Ålpha", "Beta"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Follow_ups_due_are_the_first_of_every_open_follow_up_by_due_date_whatever_the_limit()
    {
        var day = Given.Day;
        var random = new Random(17);
        var partners = new List<Partner>();
        await using (var session = Store.LightweightSession(Tenant))
        {
            for (var i = 0; i < 40; i++)
            {
                var id = Guid.NewGuid();
                // Few names and few dates, so that ties between partners and between follow-ups are common.
                var events = new List<object> { Given.Prospect(Names[i % Names.Length]) };
                for (var f = random.Next(0, 4); f > 0; f--)
                {
                    var followUp = Guid.NewGuid();
                    events.Add(new FollowUpScheduled(followUp, day.AddDays(random.Next(-5, 15)), "call", null, day.AddDays(-10)));
                    if (random.Next(3) == 0)
                    {
                        events.Add(new FollowUpCompleted(followUp, day, "done"));
                    }
                }

                session.Events.StartStream<Partner>(id, events);
                partners.Add(Given.Partner([.. events]) with { Id = id });
            }

            await session.SaveChangesAsync(Token);
        }

        var dueBy = day.AddDays(7);
        // The whole answer: every open follow-up due by then, earliest first, ties in the partner list's order.
        var ordered = partners.OrderBy(p => p.NextFollowUpOn).ThenBy(p => p.SortName, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id).ToList();
        var expected = ordered
            .SelectMany((p, rank) => p.FollowUps.Where(f => f.CompletedOn is null && f.DueOn <= dueBy).Select(f => (f.DueOn, Rank: rank, f.FollowUpId)))
            .OrderBy(f => f.DueOn).ThenBy(f => f.Rank).ThenBy(f => f.FollowUpId)
            .Select(f => f.FollowUpId)
            .ToList();
        expected.Count.ShouldBeGreaterThan(20);

        foreach (var limit in new[] { 1, 5, 17, expected.Count, 500 })
        {
            var answer = await Send(new ListFollowUpsDue(Tenant, dueBy, limit));
            answer.Select(f => f.FollowUpId).ShouldBe(expected.Take(limit), $"limit {limit}");
            answer.ShouldAllBe(f => f.DueOn <= dueBy);
        }
    }

    [Fact]
    public async Task Mous_ending_are_those_in_force_soonest_first_and_never_a_lost_partners()
    {
        var day = Given.Day;
        var soon = Guid.NewGuid();
        var later = Guid.NewGuid();
        var lost = Guid.NewGuid();
        var beyond = Guid.NewGuid();
        await using (var session = Store.LightweightSession(Tenant))
        {
            object[] WithMouEnding(DateOnly endsOn) =>
            [
                Given.Prospect(), .. Given.EventsTo(Stage.Contacted), new PitchDelivered("talent pipeline", [Offering.WorkPlacement], day),
                new MouSigned(day, day, endsOn, new Commitments(10, 2, 4, true), ["host placements"], ["prepare students"]),
            ];
            session.Events.StartStream<Partner>(later, WithMouEnding(day.AddDays(40)));
            session.Events.StartStream<Partner>(soon, WithMouEnding(day.AddDays(10)));
            session.Events.StartStream<Partner>(lost, [.. WithMouEnding(day.AddDays(5)), new PartnershipLost(LossReason.CapacityChange, null, day, Stage.Active)]);
            session.Events.StartStream<Partner>(beyond, WithMouEnding(day.AddDays(400)));
            await session.SaveChangesAsync(Token);
        }

        (await Send(new ListMousEnding(Tenant, day.AddDays(60)))).Select(m => m.PartnerId).ShouldBe([soon, later]);
        (await Send(new ListMousEnding(Tenant, day.AddDays(60), Limit: 1))).Select(m => m.PartnerId).ShouldBe([soon]);
    }

    [Fact]
    public async Task A_snapshot_stored_before_the_columns_existed_is_rebuilt_with_them_at_start_up()
    {
        var id = Guid.NewGuid();
        var due = Given.Day.AddDays(3);
        await using (var session = Store.LightweightSession(Tenant))
        {
            session.Events.StartStream<Partner>(id, Given.Prospect(), new FollowUpScheduled(Guid.NewGuid(), due, "call", null, Given.Day));
            await session.SaveChangesAsync(Token);
        }

        // The snapshot as the previous version stored it: no field in the JSON, so Marten's new column stayed null.
        await using (var session = Store.LightweightSession(Tenant))
        {
            var table = $"{Store.Options.DatabaseSchemaName}.mt_doc_partner";
            session.QueueSqlCommand(
                $"update {table} set data = data - 'NextFollowUpOn', next_follow_up_on = null, identity_keys_version = 3 where id = ?", id);
            await session.SaveChangesAsync(Token);
        }

        (await Send(new ListFollowUpsDue(Tenant, due))).ShouldBeEmpty();
        (await PartnerIdentityKeys.RefreshAsync(Store, Token)).ShouldBeGreaterThanOrEqualTo(1);
        (await Send(new ListFollowUpsDue(Tenant, due))).Single().PartnerId.ShouldBe(id);
    }

    private async Task<TAnswer> Send<TAnswer>(IRequest<TAnswer> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, Token);
    }
}
