using System.Text.Json;
using NJsonSchema;
using PartnershipLifecycle.EventSchemaTool;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Contracts;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Tests.EventSchema;

/// <summary>
/// Integration events join the contract by implementing <see cref="IIntegrationEvent"/>; none exists yet, so a
/// test-only one shows what the generator makes of them: the envelope of docs/api.md with the event as its data.
/// </summary>
public class IntegrationEventSchemaTests
{
    private static readonly EventContract Contract = EventCatalogue.Discover([typeof(PartnershipLostNotice)]).Single();

    [Fact]
    public void An_integration_event_is_named_and_filed_apart_from_the_stored_events()
    {
        Contract.ShouldBe(new EventContract(typeof(PartnershipLostNotice), "partnership_lost", 1, EventKind.Integration, IsCurrent: true));
        Contract.FileName.ShouldBe("integration/partnership_lost.v1.json");
    }

    [Fact]
    public void Its_schema_is_the_envelope_with_the_event_as_data()
    {
        var schema = EventSchemas.SchemaOf(Contract);

        schema["title"]!.GetValue<string>().ShouldBe("partnership_lost v1");
        schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["id", "type", "tenantId", "partnerId", "occurredAt", "data"]);
        schema["properties"]!["type"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["partnership_lost"]);
        schema["properties"]!["occurredAt"]!["format"]!.GetValue<string>().ShouldBe("date-time");
        schema["properties"]!["data"]!["properties"]!["reason"]!["enum"]!.AsArray().ShouldContain(n => n!.GetValue<string>() == "personnel_turnover");
        schema["properties"]!["data"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["reason", "lostOn"]);
    }

    [Fact]
    public async Task A_published_envelope_is_valid_and_one_of_another_type_is_not()
    {
        var schema = await JsonSchema.FromJsonAsync(EventSchemas.ToText(EventSchemas.SchemaOf(Contract)), TestContext.Current.CancellationToken);
        var envelope = new IntegrationEventEnvelope<PartnershipLostNotice>(Guid.NewGuid(), "partnership_lost", "t1", Guid.NewGuid(),
            DateTimeOffset.UtcNow, new PartnershipLostNotice(LossReason.PersonnelTurnover, EventSamples.Day, null));

        schema.Validate(JsonSerializer.Serialize(envelope, PartnershipJson.Options)).ShouldBeEmpty();
        schema.Validate(JsonSerializer.Serialize(envelope with { Type = "partnership_activated" }, PartnershipJson.Options)).ShouldNotBeEmpty();
    }

    /// <summary>A partner was lost (test-only).</summary>
    [EventContract(Name = "partnership_lost")]
    public sealed record PartnershipLostNotice(LossReason Reason, DateOnly LostOn, [FreeText] string? Note) : IIntegrationEvent;
}
