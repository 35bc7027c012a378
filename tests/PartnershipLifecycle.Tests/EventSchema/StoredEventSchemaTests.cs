using System.Text.Json.Nodes;
using NJsonSchema;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Platform.Contracts;
using PartnershipLifecycle.Platform.Validation;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.EventSchema;

/// <summary>
/// Every stored event type, appended by Marten to PostgreSQL and read back from <c>mt_events</c> as it lies there,
/// is valid against its committed schema, found by the <c>type</c> column.
/// </summary>
public class StoredEventSchemaTests(AppFixture fixture) : IntegrationContext(fixture)
{
    public static TheoryData<string> Samples() => ["full", "minimal"];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_event_as_Marten_stores_it_is_valid_against_its_schema(string sample)
    {
        Func<Type, object> build = sample == "full" ? EventSamples.Full : EventSamples.Minimal;
        var events = EventCatalogue.Stored.Where(c => c.IsCurrent)
            .OrderBy(c => c.Type == typeof(ProspectIdentified) ? 0 : 1) // a partner's stream starts with it
            .Select(c => build(c.Type))
            .ToArray();

        var stored = await Append(events);

        stored.Select(row => row.Type).ShouldBe(EventCatalogue.Stored.Where(c => c.IsCurrent).Select(c => c.StoredTypeName), ignoreOrder: true);
        var invalid = new List<string>();
        foreach (var (type, data) in stored)
        {
            var contract = EventCatalogue.Stored.Single(c => c.StoredTypeName == type);
            var errors = (await SchemaOf(contract)).Validate(data);
            invalid.AddRange(errors.Select(e => $"{contract} ({sample}): {e}"));
        }

        invalid.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_schemas_refuse_what_the_service_never_stores()
    {
        var stored = await Append(
            EventSamples.Full(typeof(ProspectIdentified)), EventSamples.Full(typeof(EvaluationRecorded)), EventSamples.Full(typeof(PitchDelivered)));
        var prospect = await SchemaOf(EventCatalogue.Find(typeof(ProspectIdentified))!);
        var evaluation = await SchemaOf(EventCatalogue.Find(typeof(EvaluationRecorded))!);
        var pitch = await SchemaOf(EventCatalogue.Find(typeof(PitchDelivered))!);
        prospect.Validate(stored[0].Data).ShouldBeEmpty();
        evaluation.Validate(stored[1].Data).ShouldBeEmpty();
        pitch.Validate(stored[2].Data).ShouldBeEmpty();

        Refused(prospect, Changed(stored[0].Data, j => j["name"] = new string('n', 200 * TextRules.MaxCodePointsPerCharacter + 1)), "a name over 200 characters of 16 code points");
        Refused(prospect, Changed(stored[0].Data, j => j["name"] = ""), "an empty name");
        Refused(prospect, Changed(stored[0].Data, j => j["note"] = new string('n', 4000 * TextRules.MaxCodePointsPerCharacter + 1)), "a note over 4,000 characters of 16 code points");
        Refused(prospect, Changed(stored[0].Data, j => j.Remove("occurredOn")), "no occurredOn");
        Refused(prospect, Changed(stored[0].Data, j => j["occurredOn"] = "2026-13-45"), "a date that is none");
        Refused(prospect, Changed(stored[0].Data, j => j["channel"] = "carrier_pigeon"), "a channel that is none");
        Refused(prospect, Changed(stored[0].Data, j => j["channel"] = "PartnerReferral"), "an enum value in .NET casing");
        Refused(prospect, Changed(stored[0].Data, j => j["referredByPartnerId"] = "not-a-uuid"), "an id that is no UUID");
        Refused(prospect, Changed(stored[0].Data, j => j["motivations"] = new JsonArray([.. Enumerable.Range(0, 51).Select(_ => (JsonNode?)"give_back")])),
            "51 motivations");
        Refused(evaluation, Changed(stored[1].Data, j => j["studentSatisfaction"] = 6), "a score of 6");
        Refused(evaluation, Changed(stored[1].Data, j => j["hires"] = -1), "negative hires");
        Refused(evaluation, Changed(stored[1].Data, j => j["hires"] = "three"), "a number written as text");
        Refused(pitch, Changed(stored[2].Data, j => j["offerings"] = new JsonArray()), "a pitch offering nothing");
    }

    private static string Changed(string json, Action<JsonObject> change)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        change(document);
        return document.ToJsonString();
    }

    private static void Refused(JsonSchema schema, string json, string what) =>
        schema.Validate(json).ShouldNotBeEmpty($"{what} should be refused by {schema.Title}");

    private static async Task<JsonSchema> SchemaOf(EventContract contract) =>
        await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Path.Combine(EventSchemaRepository.Folder, contract.FileName), TestContext.Current.CancellationToken));

    /// <summary>Appends the events to a new stream of this test's tenant; answers each row's type and data as stored.</summary>
    private async Task<IReadOnlyList<(string Type, string Data)>> Append(params object[] events)
    {
        var streamId = Guid.CreateVersion7();
        await using (var session = Store.LightweightSession(Tenant))
        {
            session.Events.StartStream<Partner>(streamId, events);
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        return await EventRows.Of(Tenant, streamId);
    }
}
