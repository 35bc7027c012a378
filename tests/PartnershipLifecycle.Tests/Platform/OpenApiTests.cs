using System.Text.Json.Nodes;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// /openapi/v1.json describes every route of docs/api.md as generated clients need it (issue 15): typed string
/// enums, command headers, optional fields, exact answers with typed problems, capability tags, webhooks.
/// build/client-check.sh proves it with Redocly, NSwag and openapi-typescript; <see cref="ResponseContract"/> holds
/// every answer of the integration tests to it.
/// </summary>
public class OpenApiTests(AppFixture fixture) : IntegrationContext(fixture)
{
    public static TheoryData<string, string> CommandRoutes() => new()
    {
        { "/api/partners/{id}/outreach", "logOutreach" }, { "/api/partners/{id}/follow-ups", "scheduleFollowUp" },
        { "/api/partners/{id}/follow-ups/{followUpId}/complete", "completeFollowUp" }, { "/api/partners/{id}/pitches", "deliverPitch" },
        { "/api/partners/{id}/pitch-outcome", "recordPitchOutcome" }, { "/api/partners/{id}/pilot", "startPilot" },
        { "/api/partners/{id}/pilot/complete", "completePilot" }, { "/api/partners/{id}/mou", "signMou" },
        { "/api/partners/{id}/mou/amend", "amendMou" }, { "/api/partners/{id}/mou/renew", "renewMou" },
        { "/api/partners/{id}/contacts", "addContact" }, { "/api/partners/{id}/contacts/{contactId}/role", "changeContactRole" },
        { "/api/partners/{id}/contacts/{contactId}/departed", "recordContactDeparture" },
        { "/api/partners/{id}/communications", "logCommunication" }, { "/api/partners/{id}/engagements", "recordEngagement" },
        { "/api/partners/{id}/evaluations", "recordEvaluation" }, { "/api/partners/{id}/pause", "pausePartnership" },
        { "/api/partners/{id}/resume", "resumePartnership" }, { "/api/partners/{id}/lost", "markPartnershipLost" },
        { "/api/partners/{id}/reactivate", "reactivatePartnership" }, { "/api/alerts/{id}/acknowledge", "acknowledgeTurnoverAlert" },
    };

    public static TheoryData<string> QueryRoutes() => ["/api/partners", "/api/partners/{id}", "/api/partners/{id}/history"];

    private async Task<JsonNode> Document() => (await new Caller(Host, null).Get("/openapi/v1.json")).Json();

    private static IEnumerable<(string Route, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (p.Key, o.Key, o.Value!)));

    private static string Ref(JsonNode? node) => node!["$ref"]!.GetValue<string>();

    private static string[] Names(JsonNode? parameters, string location) =>
        parameters?.AsArray().Where(p => p!["in"]!.GetValue<string>() == location).Select(p => p!["name"]!.GetValue<string>()).ToArray() ?? [];

    [Theory]
    [MemberData(nameof(CommandRoutes))]
    public async Task Each_command_has_its_id_headers_answer_and_typed_refusals(string route, string operationId)
    {
        var operation = (await Document())["paths"]![route]!["post"]!;

        operation["operationId"]!.GetValue<string>().ShouldBe(operationId);
        Names(operation["parameters"], "header").ShouldBe(["If-Match", "Idempotency-Key"]);
        var ok = operation["responses"]!["200"]!;
        Ref(ok["content"]!["application/json"]!["schema"]).ShouldBe("#/components/schemas/CommandAccepted");
        ok["headers"]!["ETag"].ShouldNotBeNull();
        Ref(operation["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]).ShouldBe("#/components/schemas/ValidationProblem");
        Ref(operation["responses"]!["409"]!["content"]!["application/problem+json"]!["schema"]).ShouldBe("#/components/schemas/ConflictProblem");
        Ref(operation["responses"]!["412"]!["content"]!["application/problem+json"]!["schema"]).ShouldBe("#/components/schemas/PreconditionProblem");
        foreach (var status in new[] { "401", "403", "404", "413", "422" })
        {
            Ref(operation["responses"]![status]!["content"]!["application/problem+json"]!["schema"]).ShouldBe("#/components/schemas/Problem");
        }
    }

    [Fact]
    public async Task Creating_a_partner_answers_201_with_its_location_and_may_leave_out_the_optional_fields()
    {
        var document = await Document();
        var operation = document["paths"]!["/api/partners"]!["post"]!;
        operation["operationId"]!.GetValue<string>().ShouldBe("createPartner");
        Names(operation["parameters"], "header").ShouldBe(["Idempotency-Key"]);
        var created = operation["responses"]!["201"]!;
        Ref(created["content"]!["application/json"]!["schema"]).ShouldBe("#/components/schemas/CommandAccepted");
        created["headers"]!["Location"].ShouldNotBeNull();
        created["headers"]!["ETag"].ShouldNotBeNull();
        operation["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["201", "400", "401", "403", "409", "413", "422"]);

        var schemas = document["components"]!["schemas"]!;
        schemas["IdentifyProspect"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["name", "sector", "channel"], ignoreOrder: true);
        schemas["CommandAccepted"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["partnerId", "version"], ignoreOrder: true);
        schemas["AddContact"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldNotContain("contactId");
        schemas["ConflictProblem"]!["properties"]!["existingPartnerId"].ShouldNotBeNull();
        schemas["ConflictProblem"]!["properties"]!["allowedStages"]!["items"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Stage");
        schemas["PreconditionProblem"]!["properties"]!["currentVersion"].ShouldNotBeNull();
        schemas["ValidationProblem"]!["properties"]!["errors"]!["additionalProperties"]!["items"]!["type"]!.GetValue<string>().ShouldBe("string");
    }

    [Fact]
    public async Task Every_query_parameter_that_is_not_text_refuses_garbage_with_a_400_naming_it_in_words()
    {
        var document = await Document();
        var tried = 0;
        foreach (var (route, method, operation) in Operations(document).Where(o => o.Method == "get"))
        {
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                var schema = parameter!["schema"]!;
                var type = schema["type"]?.ToJsonString() ?? "";
                var format = schema["format"]?.GetValue<string>();
                if (parameter["in"]!.GetValue<string>() != "query" || (!type.Contains("integer") && format is not ("date" or "date-time" or "uuid")))
                {
                    continue;
                }

                var name = parameter["name"]!.GetValue<string>();
                var role = route.StartsWith("/api/analytics", StringComparison.Ordinal) ? Roles.Analyst
                    : route.StartsWith("/api/admin/audit", StringComparison.Ordinal) ? Roles.Auditor
                    : route.StartsWith("/api/admin", StringComparison.Ordinal) ? Roles.Admin
                    : Roles.Coordinator;
                var url = System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", Guid.NewGuid().ToString());
                foreach (var garbage in new[] { "not-a-value", "99999999999999999999", "2026-13-45" })
                {
                    var answer = await As(role).Get($"{url}?{name}={Uri.EscapeDataString(garbage)}", 400);
                    var text = answer.ReadAsText();
                    answer.Json()["errors"]![name].ShouldNotBeNull($"{method} {route}?{name}={garbage}: {text}");
                    text.ShouldNotContain("System.", customMessage: $"{route}?{name}={garbage}");
                    text.ShouldNotContain("expected type", customMessage: $"{route}?{name}={garbage}");
                }

                tried++;
            }
        }

        // page and pageSize of every list, version and asOf of a partner, from and to of the funnel at least.
        tried.ShouldBeGreaterThan(10);
    }

    [Theory]
    [MemberData(nameof(QueryRoutes))]
    public async Task Each_query_has_its_answer_shape(string route)
    {
        var operation = (await Document())["paths"]![route]!["get"]!;
        Ref(operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]).ShouldNotContain("IResult");
    }

    [Fact]
    public async Task Enums_are_strings_without_null_and_query_filters_use_the_same_schemas()
    {
        var document = await Document();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var enums = schemas.Where(s => s.Value!["enum"] is not null && s.Key.EndsWith("Event") == false).ToArray();
        enums.Length.ShouldBeGreaterThanOrEqualTo(18);
        foreach (var (name, schema) in enums)
        {
            schema!["type"]?.GetValue<string>().ShouldBe("string", name);
            schema["enum"]!.AsArray().ShouldAllBe(v => v != null, name);
        }

        schemas["RecruitmentChannel"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("partner_referral");
        schemas["PitchOutcome"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["interested", "declined", "undecided"]);
        schemas["LogOutreach"]!["properties"]!["partnerId"].ShouldBeNull();

        var list = document["paths"]!["/api/partners"]!["get"]!["parameters"]!.AsArray();
        Ref(list.Single(p => p!["name"]!.GetValue<string>() == "stage")!["schema"]).ShouldBe("#/components/schemas/Stage");
        Ref(list.Single(p => p!["name"]!.GetValue<string>() == "channel")!["schema"]).ShouldBe("#/components/schemas/RecruitmentChannel");
        Ref(list.Single(p => p!["name"]!.GetValue<string>() == "band")!["schema"]).ShouldBe("#/components/schemas/HealthBand");
        list.Single(p => p!["name"]!.GetValue<string>() == "pageSize")!["schema"]!["type"]!.GetValue<string>().ShouldBe("integer");
        var alerts = document["paths"]!["/api/alerts"]!["get"]!["parameters"]!.AsArray();
        Ref(alerts.Single(p => p!["name"]!.GetValue<string>() == "status")!["schema"]).ShouldBe("#/components/schemas/AlertStatus");
        Ref(alerts.Single(p => p!["name"]!.GetValue<string>() == "kind")!["schema"]).ShouldBe("#/components/schemas/AlertKind");
    }

    [Fact]
    public async Task Answers_are_exact_protected_operations_list_401_and_403_and_ids_are_short()
    {
        var document = await Document();
        foreach (var (route, method, operation) in Operations(document))
        {
            var id = operation["operationId"]!.GetValue<string>();
            id.ShouldMatch("^[a-z][A-Za-z]+$", $"{method} {route}");
            operation["summary"]!.GetValue<string>().ShouldNotBe(id);
            operation["tags"]!.AsArray().Count.ShouldBe(1, id);
            var responses = operation["responses"]!.AsObject();
            responses.ContainsKey("401").ShouldBeTrue(id);
            responses.ContainsKey("403").ShouldBeTrue(id);
            foreach (var (status, response) in responses)
            {
                JsonSerializerText(response).ShouldNotContain("IResult", customMessage: $"{id} {status}");
                if (status[0] is '4')
                {
                    response!["content"]!["application/problem+json"].ShouldNotBeNull($"{id} {status}");
                }
            }
        }

        document["paths"]!["/api/admin/webhooks"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["201", "400", "401", "403"]);
        document["paths"]!["/api/admin/webhooks/{id}"]!["delete"]!["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["204", "401", "403", "404"]);
        document["paths"]!["/api/analytics/funnel"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"].ShouldNotBeNull();
        document["paths"]!["/api/partners/{id}"]!["get"]!["responses"]!["200"]!["headers"]!["ETag"].ShouldNotBeNull();
        document["servers"]!.AsArray().Single()!["url"]!.GetValue<string>().ShouldBe("/");
        document["info"]!["license"]!["name"].ShouldNotBeNull();
        document["info"]!["contact"].ShouldNotBeNull();
        document["tags"]!.AsArray().ShouldAllBe(t => t!["description"] != null);
        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
    }

    [Fact]
    public async Task Webhooks_publish_each_integration_event_with_its_envelope_and_data()
    {
        var document = await Document();
        var webhooks = document["webhooks"]!.AsObject();
        var files = Directory.GetFiles(Path.Combine(ApiProcess.RepositoryRoot, "eventschema", "integration"), "*.json")
            .Select(f => Path.GetFileName(f).Split('.')[0]).Distinct();
        webhooks.Select(w => w.Key).ShouldBe(files, ignoreOrder: true);

        var raised = webhooks["turnover_alert_raised"]!["post"]!;
        Ref(raised["requestBody"]!["content"]!["application/json"]!["schema"]).ShouldBe("#/components/schemas/TurnoverAlertRaisedEvent");
        Names(raised["parameters"], "header").ShouldContain("X-Signature");
        var envelope = document["components"]!["schemas"]!["TurnoverAlertRaisedEvent"]!;
        envelope["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("data");
        Ref(envelope["properties"]!["data"]).ShouldBe("#/components/schemas/TurnoverAlertRaised");
        document["components"]!["schemas"]!["TurnoverAlertRaised"]!["properties"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Every_answer_the_tests_see_is_checked_against_the_document_and_a_drift_is_caught()
    {
        var before = Fixture.Contract.Checked;
        await Coordinator.Get("/api/partners");
        Fixture.Contract.Checked.ShouldBeGreaterThan(before);

        var contract = Fixture.Contract;
        contract.Violation("POST", "/api/partners", 200, "application/json", """{"partnerId":"00000000-0000-0000-0000-000000000001","version":1}""")
            .ShouldNotBeNull(); // creation answers 201, not 200
        contract.Violation("POST", "/api/partners", 201, "application/json", """{"partnerId":"00000000-0000-0000-0000-000000000001","version":1}""")
            .ShouldBeNull();
        contract.Violation("POST", "/api/partners", 201, "application/json", """{"partnerId":"00000000-0000-0000-0000-000000000001","version":"1"}""")
            .ShouldNotBeNull(); // a version is a number
        contract.Violation("POST", "/api/partners", 201, "application/json", """{"partnerId":"00000000-0000-0000-0000-000000000001","version":1,"extra":true}""")
            .ShouldNotBeNull(); // a field the document does not name
        contract.Violation("GET", "/api/partners", 200, "text/html", "<p>hi</p>").ShouldNotBeNull();
        contract.Violation("GET", "/api/nowhere", 200, "application/json", "{}").ShouldNotBeNull();
    }

    private static string JsonSerializerText(JsonNode? node) => node?.ToJsonString() ?? "";
}
