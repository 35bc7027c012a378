using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Partners;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// Text that PostgreSQL or a reader cannot take (issue 12, "Text"): a NUL, other control characters, unpaired
/// surrogates, in any string of any command and in query strings, answer 400 naming the field and write nothing;
/// lengths count user-perceived characters (text elements).
/// </summary>
public class TextInputTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every command route's body (docs/api.md's command table, partner creation and webhook registration).</summary>
    public static TheoryData<string> Commands() => [.. CommandRoutesTests.Routes.Keys, "partners", "admin/webhooks"];

    private (string Url, JsonObject Body, Caller Caller) Command(string route, Guid partnerId) => route switch
    {
        "partners" => ("/api/partners", new JsonObject
        {
            ["name"] = "Harbour Logistics", ["sector"] = "logistics", ["channel"] = "inbound", ["website"] = "harbour.example",
            ["note"] = "met at the fair", ["motivations"] = new JsonArray("attract_talent"),
        }, Coordinator),
        "admin/webhooks" => ("/api/admin/webhooks", new JsonObject
        {
            ["url"] = "https://hooks.example/in", ["events"] = new JsonArray("partnership_lost"), ["secret"] = "0123456789abcdef0123",
        }, As(Roles.Admin)),
        _ => (CommandRoutesTests.AnyUrl(route, partnerId),
            JsonSerializer.SerializeToNode(CommandRoutesTests.Routes[route].Body(Today))!.AsObject(), Coordinator),
    };

    /// <summary>Every string in a body, nested ones too, by its JSON path as the API names fields.</summary>
    private static IEnumerable<(string Path, JsonValue Value)> Strings(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    foreach (var found in Strings(child, path.Length == 0 ? key : $"{path}.{key}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var found in Strings(a[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                yield return (path, v);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_NUL_or_a_control_character_in_any_string_of_any_command_answers_400_naming_the_field(string route)
    {
        var partnerId = await NewPartner();
        var (url, body, caller) = Command(route, partnerId);
        var fields = Strings(body).Select(s => s.Path).ToArray();
        fields.ShouldNotBeEmpty();

        foreach (var bad in new[] { "\u0000", "\u0001", "\u001b", "\u007f" })
        {
            foreach (var field in fields)
            {
                var copy = body.DeepClone().AsObject();
                var value = Strings(copy).Single(s => s.Path == field).Value;
                value.ReplaceWith(JsonValue.Create(value.GetValue<string>() + bad + "x"));

                var answer = await caller.Post(url, copy.ToJsonString(), 400);
                var errors = answer.Json()["errors"]!.AsObject();
                errors.Select(e => e.Key).ShouldContain(field, $"{route}: U+{(int)bad[0]:X4} in '{field}' answered {answer.ReadAsText()}");
            }
        }

        // Nothing was written: the partner has only its creation, and no second partner appeared.
        await using var session = Store.QuerySession(Tenant);
        (await session.Events.FetchStreamAsync(partnerId, token: Token)).Count.ShouldBe(1);
        (await session.Query<PartnershipLifecycle.Partners.Partner>().CountAsync(Token)).ShouldBe(1);
    }

    /// <summary>Every number and flag in a body, nested ones too, by its JSON path as the API names fields.</summary>
    private static IEnumerable<string> NumbersAndFlags(JsonNode? node, string path = "") => node switch
    {
        JsonObject o => o.SelectMany(p => NumbersAndFlags(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => [path],
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Leaving_out_a_number_or_a_flag_of_any_command_answers_400_naming_it(string route)
    {
        // Found trying the service: an engagement without studentsReached was recorded as reaching 0 students.
        var partnerId = await NewPartner();
        var (url, body, caller) = Command(route, partnerId);
        foreach (var field in NumbersAndFlags(body))
        {
            var copy = body.DeepClone().AsObject();
            var segments = field.Split('.');
            var parent = segments[..^1].Aggregate((JsonNode)copy, (node, key) => node[key]!).AsObject();
            parent.Remove(segments[^1]).ShouldBeTrue();

            var answer = await caller.Post(url, copy.ToJsonString(), 400);
            answer.Json()["errors"]![field]![0]!.GetValue<string>().ShouldBe($"'{field}' is required.", $"{route} without '{field}': {answer.ReadAsText()}");
        }

        await using var session = Store.QuerySession(Tenant);
        (await session.Events.FetchStreamAsync(partnerId, token: Token)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Leaving_out_an_enum_or_several_fields_names_each_of_them()
    {
        var partnerId = await NewPartner();
        var answer = await Coordinator.Post($"/api/partners/{partnerId}/engagements", $$"""{"occurredOn":"{{Today:yyyy-MM-dd}}","hours":1}""", 400);
        var errors = answer.Json()["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["type", "studentsReached"], ignoreOrder: true, answer.ReadAsText());
        errors["type"]![0]!.GetValue<string>().ShouldBe("'type' is required.");
    }

    [Fact]
    public async Task A_date_of_year_one_and_a_number_out_of_range_are_told_what_is_wrong_with_them()
    {
        // Found trying the service: 0001-01-01 was answered "is required", and 99999999999 "must be a whole number".
        var partnerId = await NewPartner();
        var early = await Coordinator.Post($"/api/partners/{partnerId}/outreach", new { channel = "email", summary = "hello", occurredOn = "0001-01-01" }, 400);
        early.Json()["errors"]!["occurredOn"]![0]!.GetValue<string>().ShouldBe("'occurredOn' may not be before 1900-01-01.");

        var huge = await Coordinator.Post($"/api/partners/{partnerId}/engagements",
            $$"""{"type":"guest_talk","occurredOn":"{{Today:yyyy-MM-dd}}","studentsReached":99999999999,"hours":1}""", 400);
        huge.Json()["errors"]!["studentsReached"]![0]!.GetValue<string>().ShouldBe("'studentsReached' must be a whole number from -2147483648 to 2147483647.");
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udfff")]
    [InlineData("\\udc00\\ud800")]
    [InlineData("a\\ud83c")]
    public async Task An_unpaired_surrogate_answers_400_naming_the_field(string escaped)
    {
        var partnerId = await NewPartner();
        var json = $$"""{"name":"Harbour {{escaped}} Logistics","sector":"logistics","channel":"inbound"}""";
        (await Coordinator.Post("/api/partners", json, 400)).Json()["errors"]!["name"].ShouldNotBeNull();

        var summary = $$"""{"channel":"email","summary":"hello {{escaped}}","occurredOn":"{{Today:yyyy-MM-dd}}"}""";
        (await Coordinator.Post($"/api/partners/{partnerId}/outreach", summary, 400)).Json()["errors"]!["summary"].ShouldNotBeNull();

        var nested = $$"""
            {"signedOn":"{{Today:yyyy-MM-dd}}","startsOn":"{{Today:yyyy-MM-dd}}","endsOn":"{{Today.AddYears(1):yyyy-MM-dd}}",
             "commitments":{"placementsPerYear":1,"mentors":1,"guestSessionsPerYear":1,"advisoryBoardSeat":false},
             "partnerResponsibilities":["host", "x{{escaped}}"]}
            """;
        (await Coordinator.Post($"/api/partners/{partnerId}/mou", nested, 400)).Json()["errors"]!["partnerResponsibilities[1]"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("\\u200b")]
    [InlineData("\\u200b\\u200d \\ufeff")]
    [InlineData("\\u00a0\\u3000")]
    public async Task A_name_that_shows_nothing_answers_400_naming_it(string escaped)
    {
        // Found trying the service: a zero-width space was accepted as an organisation's name.
        var refused = await Coordinator.Post("/api/partners", $$"""{"name":"{{escaped}}","sector":"x","channel":"inbound"}""", 400);
        refused.Json()["errors"]!["name"].ShouldNotBeNull(refused.ReadAsText());
    }

    [Theory]
    [InlineData("Miller and \\u202edtL snoS")]
    [InlineData("Evil\\u202eoC lanoitanretnI")]
    [InlineData("\\u2067Harbour\\u2069 Logistics")]
    [InlineData("\\u202aHarbour Logistics\\u202c")]
    public async Task A_name_with_bidirectional_overrides_answers_400_and_is_not_written(string escaped)
    {
        // Found trying the service: U+202E let a copy of "Miller and Sons Ltd" pass the duplicate check, displayed as it.
        var refused = await Coordinator.Post("/api/partners", $$"""{"name":"{{escaped}}","sector":"x","channel":"inbound"}""", 400);
        refused.Json()["errors"]!["name"]![0]!.GetValue<string>().ShouldContain("bidirectional");
    }

    [Theory]
    [InlineData("""{"name":"Harbour Logistics","sector":"x","channel":"inbound","channel":"alumni_network"}""", "channel")]
    [InlineData("""{"name":"Harbour Logistics","Name":"Other Name","sector":"x","channel":"inbound"}""", "Name")]
    public async Task A_field_sent_twice_answers_400_naming_it_and_nothing_is_written(string body, string field)
    {
        // Found trying the service: "type" sent twice was read as its last value, with a 200.
        var refused = await Coordinator.Post("/api/partners", body, 400);
        refused.Json()["errors"]![field]![0]!.GetValue<string>().ShouldContain("more than once");
        (await Coordinator.Get("/api/partners")).Json()["total"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task A_right_to_left_name_needs_no_override_and_keeps_its_marks()
    {
        var id = (await Coordinator.Post("/api/partners", new { name = "שותפות \u200fמרכז הכשרה", sector = "x", channel = "inbound" }, 201))
            .Json()["partnerId"]!.GetValue<Guid>();
        (await Coordinator.Get($"/api/partners/{id}")).Json()["name"]!.GetValue<string>().ShouldBe("שותפות \u200fמרכז הכשרה");
    }

    [Fact]
    public async Task A_surrogate_pair_written_as_escapes_is_one_character()
    {
        var id = (await Coordinator.Post("/api/partners", """{"name":"Factory \ud83c\udfed","sector":"x","channel":"inbound"}""", 201))
            .Json()["partnerId"]!.GetValue<Guid>();
        (await Coordinator.Get($"/api/partners/{id}")).Json()["name"]!.GetValue<string>().ShouldBe("Factory 🏭");
    }

    [Theory]
    [InlineData("Call them \\u202e", "202E")]
    [InlineData("\\u2067quoted\\u202e and \\u2069 closed the isolate but \\u202b stays", "202B")]
    [InlineData("\\u202eopen on one line\\nclosed on the next\\u202c", "202E")]
    [InlineData("\\u2068first-strong", "2068")]
    public async Task Free_text_that_leaves_a_direction_control_open_answers_400_and_is_not_written(string escaped, string code)
    {
        // Found trying the app: a follow-up's purpose "Call them \u202E" showed its due date, status and owner reversed.
        var id = await NewPartner();
        var refused = await Coordinator.Post($"/api/partners/{id}/follow-ups", $$"""{"dueOn":"{{Today.AddDays(3):yyyy-MM-dd}}","purpose":"{{escaped}}"}""", 400);
        refused.Json()["errors"]!["purpose"]![0]!.GetValue<string>().ShouldContain($"U+{code}");
        var history = (await Coordinator.Get($"/api/partners/{id}/history")).Json()["events"]!.AsArray();
        history.ShouldNotContain(e => e!["type"]!.GetValue<string>() == "follow_up_scheduled");
    }

    [Theory]
    [InlineData("\\u202eclosed\\u202c on its line")]
    [InlineData("a quote \\u2067\\u202eboth\\u2069 closed by the isolate's end")]
    [InlineData("a stray close \\u202c or \\u2069 changes nothing")]
    [InlineData("right-to-left marks \\u200f and \\u200e need no closing")]
    public async Task Free_text_with_its_direction_controls_closed_is_kept(string escaped)
    {
        var id = await NewPartner();
        await Coordinator.Post($"/api/partners/{id}/follow-ups", $$"""{"dueOn":"{{Today.AddDays(3):yyyy-MM-dd}}","purpose":"{{escaped}}"}""", 200);
    }

    [Fact]
    public async Task Free_text_keeps_tab_newline_and_carriage_return_but_names_take_no_control_character()
    {
        var id = await NewPartner();
        await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "Dear Ann,\r\n\tthanks.\nBen", occurredOn = Today }, 200);

        foreach (var control in new[] { "\t", "\n", "\r", "\u0085", "\u009f" })
        {
            (await Coordinator.Post("/api/partners", new { name = $"Harbour{control}Logistics", sector = "x", channel = "inbound" }, 400))
                .Json()["errors"]!["name"].ShouldNotBeNull();
            (await Coordinator.Post($"/api/partners/{id}/contacts", new { name = $"Chloe{control}Chan", role = "champion", occurredOn = Today }, 400))
                .Json()["errors"]!["name"].ShouldNotBeNull();
        }

        foreach (var control in new[] { "\u000b", "\u000c", "\u0085" })
        {
            (await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = $"a{control}b", occurredOn = Today }, 400))
                .Json()["errors"]!["summary"].ShouldNotBeNull();
        }
    }

    [Theory]
    [InlineData("/api/partners?sector=%00", "sector")]
    [InlineData("/api/partners?sector=logistics%00", "sector")]
    [InlineData("/api/partners?sector=a%01b", "sector")]
    [InlineData("/api/partners?stage=%00", "stage")]
    [InlineData("/api/alerts?kind=%00", "kind")]
    [InlineData("/api/alerts?status=%00", "status")]
    [InlineData("/api/health?band=%00", "band")]
    [InlineData("/api/partners?page=%00", "page")]
    public async Task A_NUL_or_control_character_in_a_query_string_answers_400_naming_the_parameter(string url, string parameter)
    {
        var answer = await Coordinator.Get(url, 400);
        answer.Json()["errors"]![parameter].ShouldNotBeNull(answer.ReadAsText());
    }

    [Fact]
    public async Task A_query_string_that_is_not_UTF_8_does_not_fail()
    {
        await NewPartner();
        (await Coordinator.Get("/api/partners?sector=%ED%A0%80")).Json()["items"]!.AsArray().ShouldBeEmpty();
        (await Coordinator.Get("/api/partners?sector=%FF%FE")).Json()["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_idempotency_key_with_a_NUL_answers_400_naming_the_header()
    {
        var id = await NewPartner();
        var answer = await Coordinator.Post($"/api/partners/{id}/outreach", new { channel = "email", summary = "x", occurredOn = Today }, 400,
            s => s.WithRequestHeader("Idempotency-Key", "key\u0000one"));
        answer.Json()["errors"]!["Idempotency-Key"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Lengths_count_user_perceived_characters()
    {
        // 150 emoji are 300 UTF-16 code units and 150 characters: a valid name.
        var factories = string.Concat(Enumerable.Repeat("🏭", 150));
        var id = (await Coordinator.Post("/api/partners", new { name = factories, sector = "x", channel = "inbound" }, 201)).Json()["partnerId"]!.GetValue<Guid>();
        (await Coordinator.Get($"/api/partners/{id}")).Json()["name"]!.GetValue<string>().ShouldBe(factories);

        // 200 letters with a combining accent each (400 code units), and 200 family emoji (11 code units each).
        await Coordinator.Post("/api/partners", new { name = string.Concat(Enumerable.Repeat("e\u0301", 200)), sector = "x", channel = "inbound" }, 201);
        await Coordinator.Post($"/api/partners/{id}/contacts", new
        {
            name = string.Concat(Enumerable.Repeat("👨🏽‍👩🏽‍👧🏽‍👦🏽", 200)), role = "champion", occurredOn = Today,
        }, 200);

        // Free text: 4,000 thumbs with a skin tone (16,000 code units).
        await Coordinator.Post($"/api/partners/{id}/outreach",
            new { channel = "email", summary = string.Concat(Enumerable.Repeat("👍🏽", 4000)), occurredOn = Today }, 200);

        // One over the limit is still refused, with the limit in characters.
        var over = await Coordinator.Post("/api/partners", new { name = string.Concat(Enumerable.Repeat("🏭", 201)), sector = "x", channel = "inbound" }, 400);
        over.Json()["errors"]!["name"]![0]!.GetValue<string>().ShouldContain("200 characters");
        (await Coordinator.Post($"/api/partners/{id}/outreach",
            new { channel = "email", summary = string.Concat(Enumerable.Repeat("é", 4001)), occurredOn = Today }, 400))
            .Json()["errors"]!["summary"].ShouldNotBeNull();
    }

    [Fact]
    public async Task One_character_cannot_hide_a_pile_of_combining_marks()
    {
        var zalgo = "Z" + string.Concat(Enumerable.Repeat("\u0301", 40)) + "algo";
        (await Coordinator.Post("/api/partners", new { name = zalgo, sector = "x", channel = "inbound" }, 400))
            .Json()["errors"]!["name"].ShouldNotBeNull();
    }
}
