using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Platform.Contracts;

namespace PartnershipLifecycle.Tests.EventSchema;

/// <summary>
/// The committed eventschema/ against the code, without a database: every event type has its schema, each schema
/// is what the generator makes of the type today, and every superseded version has its upcaster.
/// </summary>
public class EventSchemaDriftTests
{
    public static TheoryData<string> SchemaFiles() => [.. EventCatalogue.All.Select(c => c.FileName)];

    private static readonly IReadOnlyDictionary<string, string> Generated = EventSchemas.Files(EventCatalogue.All);

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void The_committed_schema_is_the_one_the_event_type_produces(string file)
    {
        var contract = EventCatalogue.All.Single(c => c.FileName == file);
        var problem = EventSchemaFolder.Compare(EventSchemaRepository.Folder, file, Generated[file]);

        problem.ShouldBeNull($"{contract} ({contract.Type.FullName}): {problem}");
    }

    [Fact]
    public void Every_event_type_of_the_domain_is_in_the_catalogue()
    {
        var eventTypes = typeof(IPartnerEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(IPartnerEvent).IsAssignableFrom(t) || typeof(IIntegrationEvent).IsAssignableFrom(t)));

        eventTypes.Select(t => t.FullName).ShouldBe(EventCatalogue.All.Select(c => c.Type.FullName), ignoreOrder: true);
    }

    [Fact]
    public void No_committed_schema_is_left_without_its_event_type() =>
        EventSchemaFolder.Orphans(EventSchemaRepository.Folder, Generated).ShouldBeEmpty();

    [Fact]
    public void Every_event_and_every_field_says_what_it_means()
    {
        var undescribed = Generated
            .SelectMany(file => Undescribed(System.Text.Json.Nodes.JsonNode.Parse(file.Value)!, file.Key))
            .ToArray();

        undescribed.ShouldBeEmpty("add a <summary> or <param> to the event record (eventschema/README.md)");
    }

    [Fact]
    public void The_schemas_use_only_keywords_the_validator_of_these_tests_enforces()
    {
        // NJsonSchema checks these (StoredEventSchemaTests proves it for each kind); it ignores, e.g., const.
        string[] known =
        [
            "$schema", "title", "description", "default", "type", "properties", "required", "items", "enum", "format",
            "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems",
        ];

        Generated.SelectMany(file => Keywords(System.Text.Json.Nodes.JsonNode.Parse(file.Value)!).Select(keyword => $"{file.Key}: {keyword}"))
            .Where(found => !known.Contains(found.Split(": ")[1]))
            .Distinct()
            .ShouldBeEmpty("a keyword the tests' validator does not check would go untested");
    }

    [Fact]
    public void The_catalogue_in_the_readme_links_every_schema()
    {
        var readme = File.ReadAllText(Path.Combine(EventSchemaRepository.Folder, "README.md"));

        EventCatalogue.All.Where(c => !readme.Contains($"({c.FileName})", StringComparison.Ordinal))
            .Select(c => c.FileName).ShouldBeEmpty("each schema file is linked from the catalogue table of eventschema/README.md");
    }

    [Fact]
    public void Every_superseded_version_is_read_through_one_upcaster_into_the_current_type()
    {
        var upcasters = EventCatalogue.Upcasters();
        var superseded = EventCatalogue.Stored.Where(c => !c.IsCurrent).ToArray();
        superseded.ShouldContain(c => c.Type == typeof(ProspectIdentifiedV1));

        foreach (var old in superseded)
        {
            var current = EventCatalogue.Stored.Single(c => c.Name == old.Name && c.IsCurrent);
            var upcaster = upcasters.Where(u => u.EventTypeName == old.StoredTypeName).ShouldHaveSingleItem($"the upcaster of {old}");
            upcaster.EventType.ShouldBe(current.Type, $"{old} is read as {current}");
        }

        upcasters.Select(u => u.EventTypeName).ShouldBe(superseded.Select(c => c.StoredTypeName), ignoreOrder: true,
            "an upcaster of a name no superseded version is stored under would shadow a current event");
    }

    [Fact]
    public void Marten_stores_each_current_event_under_its_contract_name()
    {
        var options = new Marten.StoreOptions();
        PartnershipLifecycle.Platform.Hosting.PartnershipStore.Configure(options, "Host=localhost;Database=unused", Features.All);
        var known = ((Marten.Events.IReadOnlyEventStoreOptions)options.Events).AllKnownEventTypes();
        var stored = known.ToDictionary(e => e.EventType, e => e.EventTypeName);
        known.Where(e => e.Alias != e.EventTypeName).Select(e => $"{e.EventTypeName} alias {e.Alias}").ShouldBeEmpty();
        // A mapping keeps the tenancy of the moment it was made: mapped before Conjoined, raw queries crossed tenants.
        known.OfType<Marten.Events.EventMapping>().Where(m => EventCatalogue.Find(m.EventType) is not null && m.TenancyStyle != JasperFx.MultiTenancy.TenancyStyle.Conjoined)
            .Select(m => m.EventTypeName).ShouldBeEmpty();

        foreach (var contract in EventCatalogue.Stored.Where(c => c.IsCurrent))
        {
            stored[contract.Type].ShouldBe(contract.StoredTypeName, contract.ToString());
        }

        stored[typeof(ProspectIdentified)].ShouldBe("prospect_identified_v2");
        stored.ShouldNotContainKey(typeof(ProspectIdentifiedV1), "nothing appends a superseded version");
    }

    [Fact]
    public void Version_1_of_prospect_identified_becomes_version_2_with_the_domain_of_its_website()
    {
        var v1 = new ProspectIdentifiedV1("Acme Robotics", "manufacturing", RecruitmentChannel.PartnerReferral, "https://www.Acme.example/careers",
            Guid.NewGuid(), [Motivation.GiveBack], "met at the fair", EventSamples.Day);

        var v2 = v1.Upcast();

        v2.ShouldBe(new ProspectIdentified(v1.Name, v1.Sector, v1.Channel, v1.Website, v1.ReferredByPartnerId, v1.Motivations, v1.Note,
            v1.OccurredOn, WebsiteDomain: "acme.example"));
        (v1 with { Website = null }).Upcast().WebsiteDomain.ShouldBeNull();
    }

    [Fact]
    public void Two_types_cannot_claim_one_version_of_an_event() =>
        Should.Throw<InvalidOperationException>(() => EventCatalogue.Discover([typeof(Impostor), typeof(OtherImpostor)]))
            .Message.ShouldContain("outreach_logged v1");

    private static IEnumerable<string> Undescribed(System.Text.Json.Nodes.JsonNode schema, string path)
    {
        if (schema["description"] is null)
        {
            yield return path;
        }

        if (schema["properties"] is System.Text.Json.Nodes.JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                foreach (var missing in Undescribed(property!, $"{path}#{name}"))
                {
                    yield return missing;
                }
            }
        }
    }

    private static IEnumerable<string> Keywords(System.Text.Json.Nodes.JsonNode schema)
    {
        if (schema is not System.Text.Json.Nodes.JsonObject node)
        {
            yield break;
        }

        foreach (var (keyword, value) in node)
        {
            yield return keyword;
            var children = keyword switch
            {
                "properties" => value!.AsObject().Select(p => p.Value!),
                "items" => [value!],
                _ => [],
            };
            foreach (var nested in children.SelectMany(Keywords))
            {
                yield return nested;
            }
        }
    }

    [EventContract(Name = "outreach_logged")]
    private sealed record Impostor(DateOnly OccurredOn) : IPartnerEvent;

    [EventContract(Name = "outreach_logged")]
    private sealed record OtherImpostor(DateOnly OccurredOn) : IPartnerEvent;
}

/// <summary>The repository's eventschema/ folder, found from the test's output folder.</summary>
public static class EventSchemaRepository
{
    public static string Folder { get; } = EventSchemaFolder.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No repository (PartnershipLifecycle.sln) above {AppContext.BaseDirectory}.");
}
