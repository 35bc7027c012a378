using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Tests.Support;
using TurnoverAutomation;
using Wolverine.Tracking;

namespace PartnershipLifecycle.Tests.Automation;

/// <summary>
/// samples/TurnoverAutomation, for real: it reads the service's PostgreSQL queue and, on
/// <c>turnover_alert_raised</c>, schedules a follow-up through the HTTP API.
/// </summary>
public class InHouseConsumerTests(AutomationFixture fixture) : AutomationContext(fixture)
{
    [Fact]
    public async Task A_departing_champion_gets_the_partner_a_follow_up_through_the_queue()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = Fixture.ConnectionString,
            ["Api:BaseUrl"] = "http://localhost/",
            ["Api:Token"] = Fixture.TokenFor(Tenant, "coordinator", "turnover-automation"),
        });
        TurnoverAutomationHost.Configure(builder, transport: () => Host.Server.CreateHandler());
        using var consumer = builder.Build();
        await consumer.StartAsync(TestContext.Current.CancellationToken);

        var partner = await NewPartner("Queue Consumers Ltd");
        var champion = await AddContact(partner, "Chloe Chan", "champion");
        await AddContact(partner, "Max Mentor", "mentor");

        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).AlsoTrack(consumer).IncludeExternalTransports()
            .WaitForCondition(new MessageFinished<TurnoverAutomation.IntegrationEvent>(e => e.PartnerId == partner && e.Type == "turnover_alert_raised"))
            .ExecuteAndWaitAsync((Wolverine.IMessageContext _) => Do(partner, $"contacts/{champion}/departed", new { occurredOn = Today }));

        var followUp = (await Coordinator.Get($"/api/partners/{partner}")).Json()["followUps"]!.AsArray().ShouldHaveSingleItem()!;
        followUp["owner"]!.GetValue<string>().ShouldBe("turnover-automation");
        followUp["purpose"]!.GetValue<string>().ShouldContain("champion departed");
        followUp["purpose"]!.GetValue<string>().ShouldContain("Chloe Chan");
        // Three days after the departure (the service's business date, this fixture's clock, which other tests move on) or
        // after the consumer's own today, whichever is later.
        var consumerToday = DateOnly.FromDateTime(DateTime.UtcNow);
        followUp["dueOn"]!.GetValue<string>().ShouldBe((Today > consumerToday ? Today : consumerToday).AddDays(3).ToString("yyyy-MM-dd"));

        await consumer.StopAsync(TestContext.Current.CancellationToken);
    }
}
