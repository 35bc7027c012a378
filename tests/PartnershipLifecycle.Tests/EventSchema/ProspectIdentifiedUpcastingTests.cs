using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using Marten.Events;
using NJsonSchema;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Platform.Contracts;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.EventSchema;

/// <summary>
/// The versioning path, for real: a partner whose <c>prospect_identified</c> was stored in version 1 (before the
/// web domain was split off the website) still loads, projects, passes the duplicate check and shows in its
/// history as version 2.
/// </summary>
public class ProspectIdentifiedUpcastingTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Website = "https://www.HarbourVR.example/jobs";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_stored_in_version_1_loads_projects_and_shows_its_history_in_version_2()
    {
        var id = await PartnerStoredInVersion1();
        await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "hello again", occurredOn = Today }, 200);

        // Loads: the row keeps its version 1 name, the event is the current type with the domain filled in.
        await using (var session = Store.QuerySession(Tenant))
        {
            var events = await session.Events.FetchStreamAsync(id, token: Token);
            events[0].EventTypeName.ShouldBe("prospect_identified");
            var identified = events[0].Data.ShouldBeOfType<ProspectIdentified>();
            identified.Website.ShouldBe(Website);
            identified.WebsiteDomain.ShouldBe("harbourvr.example");

            // Projects: live, and the inline snapshot rebuilt from the stored events.
            (await session.Events.AggregateStreamAsync<Partner>(id, token: Token))!.WebsiteDomain.ShouldBe("harbourvr.example");
        }

        await Store.Advanced.RebuildSingleStreamAsync<Partner>(id, Tenant, Token);
        await using (var session = Store.QuerySession(Tenant))
        {
            var partner = (await session.LoadAsync<Partner>(id, Token)).ShouldNotBeNull();
            (partner.WebsiteDomain, partner.Website, partner.Version, partner.Stage).ShouldBe(("harbourvr.example", Website, 2L, Stage.Contacted));
        }

        // The duplicate check finds the organisation by the domain its version 1 event gets on reading.
        var duplicate = await Coordinator.Post("/api/partners",
            new { name = "Harbour Virtual Reality", sector = "creative_technology", channel = "inbound", website = "harbourvr.example" }, 409);
        duplicate.Json()["existingPartnerId"]!.GetValue<Guid>().ShouldBe(id);

        // History: the contract's name whatever the stored version, and data in the current version.
        var history = (await Coordinator.Get($"/api/partners/{id}/history")).Json()["events"]!.AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["prospect_identified", "outreach_logged"]);
        history.Select(e => e!["schemaVersion"]!.GetValue<int>()).ShouldBe([2, 1]);
        history[0]!["data"]!["websiteDomain"]!.GetValue<string>().ShouldBe("harbourvr.example");
        history[0]!["data"]!["website"]!.GetValue<string>().ShouldBe(Website);
        history[0]!["occurredOn"]!.GetValue<string>().ShouldBe("2025-09-15");
    }

    [Fact]
    public async Task A_partner_identified_now_is_stored_in_version_2_under_its_versioned_name()
    {
        var id = await NewPartner("Harbour VR Now", extra: new { website = Website });

        var (type, data) = (await EventRows.Of(Tenant, id))[0];
        type.ShouldBe("prospect_identified_v2");
        JsonNode.Parse(data)!["websiteDomain"]!.GetValue<string>().ShouldBe("harbourvr.example");

        var history = (await Coordinator.Get($"/api/partners/{id}/history")).Json()["events"]!.AsArray();
        history[0]!["type"]!.GetValue<string>().ShouldBe("prospect_identified");
        history[0]!["schemaVersion"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task A_query_by_event_type_finds_every_version_by_its_stored_names()
    {
        var v1 = await PartnerStoredInVersion1();
        var v2 = await NewPartner("Harbour VR Two", extra: new { website = "https://harbour-two.example" });
        var names = EventCatalogue.StoredTypeNames(typeof(ProspectIdentified));
        names.ShouldBe(["prospect_identified", "prospect_identified_v2"]);

        await using var session = Store.QuerySession(Tenant);
        var identified = await session.Events.QueryAllRawEvents().Where(e => names.Contains(e.EventTypeName)).ToListAsync(Token);

        identified.Select(e => e.StreamId).ShouldBe([v1, v2], ignoreOrder: true);
        identified.Select(e => ((ProspectIdentified)e.Data).WebsiteDomain).ShouldBe(["harbourvr.example", "harbour-two.example"], ignoreOrder: true);

        // Marten's EventTypesAre names the current version only (eventschema/README.md, "Why a new version is stored under a new name").
        (await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(typeof(ProspectIdentified))).ToListAsync(Token))
            .Select(e => e.StreamId).ShouldBe([v2]);
    }

    /// <summary>
    /// A partner whose first event lies in PostgreSQL exactly as version 1 stored it: the row of a partner created
    /// through the API, given back the type name and the JSON of version 1 (no <c>websiteDomain</c>).
    /// </summary>
    private async Task<Guid> PartnerStoredInVersion1()
    {
        var id = await NewPartner("Harbour VR Studio", channel: "alumni_network", extra: new { website = Website });
        var v1 = new JsonObject
        {
            ["name"] = "Harbour VR Studio",
            ["sector"] = "creative_technology",
            ["channel"] = "alumni_network",
            ["website"] = Website,
            ["referredByPartnerId"] = null,
            ["motivations"] = new JsonArray("attract_talent"),
            ["note"] = null,
            ["occurredOn"] = "2025-09-15",
        }.ToJsonString();
        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(EventSchemaRepository.Folder, "prospect_identified.v1.json"), Token));
        schema.Validate(v1).ShouldBeEmpty("the row is a valid version 1 event");

        await EventRows.Rewrite(Tenant, id, version: 1, "prospect_identified", v1);
        return id;
    }
}
