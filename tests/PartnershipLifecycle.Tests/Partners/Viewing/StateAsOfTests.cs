using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Viewing;

/// <summary><c>?version=</c> and <c>?asOf=</c>, and the business-date view: the partner as it was, by Marten's live aggregation.</summary>
public class StateAsOfTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task As_of_a_version_and_as_of_a_moment()
    {
        var id = await NewPartner();
        await Advance(id, PartnershipLifecycle.Partners.Stage.Contacted);

        await using (var session = Store.QuerySession(Tenant))
        {
            var events = await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken);
            var firstRecorded = events[0].Timestamp;
            var asOf = Uri.EscapeDataString(firstRecorded.AddTicks(10).ToString("O"));

            (await Coordinator.Get($"/api/partners/{id}?asOf={asOf}")).Json()["stage"]!.GetValue<string>().ShouldBe("prospect");
            (await Coordinator.Get($"/api/partners/{id}?asOf={Uri.EscapeDataString(firstRecorded.AddDays(-1).ToString("O"))}", 404))
                .Json()["detail"]!.GetValue<string>().ShouldContain("did not exist");
        }

        (await Coordinator.Get($"/api/partners/{id}?version=1")).Json()["stage"]!.GetValue<string>().ShouldBe("prospect");
        (await Coordinator.Get($"/api/partners/{id}?version=2")).Json()["stage"]!.GetValue<string>().ShouldBe("contacted");
        await Coordinator.Get($"/api/partners/{id}?version=3", 404);
    }

    [Fact]
    public async Task Bad_as_of_parameters_are_400()
    {
        var id = await NewPartner();
        await Coordinator.Get($"/api/partners/{id}?version=0", 400);
        await Coordinator.Get($"/api/partners/{id}?version=abc", 400);
        await Coordinator.Get($"/api/partners/{id}?asOf=yesterday", 400);
        await Coordinator.Get($"/api/partners/{id}?version=1&asOf=2026-01-01T00:00:00Z", 400);
    }

    [Fact]
    public async Task As_it_happened_by_a_business_date_counts_back_dated_entries_and_not_later_ones()
    {
        // A history typed in today, all back-dated: identified 30 days ago, contacted 20 days ago, pitched 10 days ago;
        // a contact dated 25 days ago is typed in last (after the pitch), and a follow-up is scheduled today.
        var url = "/api/partners/{0}";
        var id = await NewPartner(extra: new { occurredOn = Today.AddDays(-30) });
        url = string.Format(url, id);
        await Coordinator.Post($"{url}/outreach", new { channel = "email", summary = "first email", occurredOn = Today.AddDays(-20) }, 200);
        await Coordinator.Post($"{url}/pitches", new { valueProposition = "trained juniors", offerings = new[] { "work_placement" }, occurredOn = Today.AddDays(-10) }, 200);
        await Coordinator.Post($"{url}/contacts", new { name = "Chloe Chan", role = "champion", occurredOn = Today.AddDays(-25) }, 200);
        await Coordinator.Post($"{url}/follow-ups", new { dueOn = Today.AddDays(-1), purpose = "call back" }, 200);

        async Task<PartnerView?> On(DateOnly day)
        {
            await using var scope = Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new GetPartner(Tenant, id, OccurredBy: day), TestContext.Current.CancellationToken);
        }

        (await On(Today.AddDays(-31))).ShouldBeNull("not yet identified on that day");

        var identified = (await On(Today.AddDays(-30)))!;
        identified.Stage.ShouldBe(Stage.Prospect);
        identified.Contacts.ShouldBeEmpty();

        var contacted = (await On(Today.AddDays(-15)))!;
        contacted.Stage.ShouldBe(Stage.Contacted);
        contacted.Contacts.Select(c => c.Name).ShouldBe(["Chloe Chan"], "typed in last, but dated before");
        contacted.FollowUps.ShouldBeEmpty("scheduled today");

        var yesterday = (await On(Today.AddDays(-1)))!;
        yesterday.Stage.ShouldBe(Stage.Pitched);

        // Recorded just now, every event of it: as recorded a moment before, the service knew nothing of the partner.
        await using var scope = Host.Services.CreateAsyncScope();
        await using var session = Store.QuerySession(Tenant);
        var firstRecorded = (await session.Events.FetchStreamAsync(id, token: TestContext.Current.CancellationToken))[0].Timestamp;
        (await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new GetPartner(Tenant, id, AsOf: firstRecorded.AddTicks(-1)), TestContext.Current.CancellationToken)).ShouldBeNull();
        (await On(Today))!.FollowUps.ShouldHaveSingleItem().Status.ShouldBe(FollowUpStatus.Overdue);
    }
}
