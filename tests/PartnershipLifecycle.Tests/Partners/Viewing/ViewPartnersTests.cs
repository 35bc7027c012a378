using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Partners.Viewing;

public class ViewPartnersTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task An_unknown_partner_is_404() => await Coordinator.Get($"/api/partners/{Guid.NewGuid()}", 404);

    [Fact]
    public async Task A_malformed_id_is_not_a_server_error() => await Coordinator.Get("/api/partners/not-a-uuid", 404);

    [Fact]
    public async Task Lists_are_paged_and_filtered_by_stage_sector_and_channel()
    {
        for (var i = 0; i < 5; i++)
        {
            await NewPartner($"Chamber {i}", "chamber_of_commerce");
        }

        var alumni = await NewPartner("Alumni One", "alumni_network");
        await Coordinator.Post($"/api/partners/{alumni}/outreach", new { channel = "email", summary = "hello", occurredOn = Today }, 200);

        var page = (await Coordinator.Get("/api/partners?pageSize=2&page=2")).Json();
        page["total"]!.GetValue<long>().ShouldBe(6);
        page["page"]!.GetValue<int>().ShouldBe(2);
        page["pageSize"]!.GetValue<int>().ShouldBe(2);
        page["items"]!.AsArray().Count.ShouldBe(2);

        var byChannel = (await Coordinator.Get("/api/partners?channel=chamber_of_commerce")).Json();
        byChannel["total"]!.GetValue<long>().ShouldBe(5);

        var byStage = (await Coordinator.Get("/api/partners?stage=contacted")).Json();
        byStage["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(alumni);

        var bySector = (await Coordinator.Get("/api/partners?sector=CREATIVE_TECHNOLOGY")).Json();
        bySector["total"]!.GetValue<long>().ShouldBe(6);
        (await Coordinator.Get("/api/partners?sector=retail")).Json()["total"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Bad_filters_are_400_naming_the_parameter()
    {
        var stage = await Coordinator.Get("/api/partners?stage=dormant", 400);
        stage.Json()["errors"]!["stage"]![0]!.GetValue<string>().ShouldContain("prospect");

        (await Coordinator.Get("/api/partners?pageSize=0", 400)).Json()["errors"]!["pageSize"].ShouldNotBeNull();
        await Coordinator.Get("/api/partners?page=abc", 400);
    }
}
