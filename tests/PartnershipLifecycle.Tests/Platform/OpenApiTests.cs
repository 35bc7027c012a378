using System.Text.Json.Nodes;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>/openapi/v1.json describes every route of docs/api.md with its request and response shapes.</summary>
public class OpenApiTests(AppFixture fixture) : IntegrationContext(fixture)
{
    public static TheoryData<string> CommandRoutes() =>
    [
        "/api/partners/{id}/outreach", "/api/partners/{id}/follow-ups", "/api/partners/{id}/follow-ups/{followUpId}/complete",
        "/api/partners/{id}/pitches", "/api/partners/{id}/pitch-outcome", "/api/partners/{id}/pilot", "/api/partners/{id}/pilot/complete",
        "/api/partners/{id}/mou", "/api/partners/{id}/mou/amend", "/api/partners/{id}/mou/renew", "/api/partners/{id}/contacts",
        "/api/partners/{id}/contacts/{contactId}/role", "/api/partners/{id}/contacts/{contactId}/departed",
        "/api/partners/{id}/communications", "/api/partners/{id}/engagements", "/api/partners/{id}/evaluations",
        "/api/partners/{id}/pause", "/api/partners/{id}/resume", "/api/partners/{id}/lost", "/api/partners/{id}/reactivate",
    ];

    public static TheoryData<string> QueryRoutes() => ["/api/partners", "/api/partners/{id}", "/api/partners/{id}/history"];

    private async Task<JsonNode> Document() => (await new Caller(Host, null).Get("/openapi/v1.json")).Json();

    [Theory]
    [MemberData(nameof(CommandRoutes))]
    public async Task Each_command_has_its_body_its_answer_and_its_refusals(string route)
    {
        var operation = (await Document())["paths"]![route]!["post"]!;

        operation["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldStartWith("#/components/schemas/");
        operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>()
            .ShouldBe("#/components/schemas/CommandAccepted");
        foreach (var status in new[] { "400", "401", "403", "404", "409", "412", "413" })
        {
            operation["responses"]![status]!["content"]!["application/problem+json"].ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task Creating_a_partner_answers_201()
    {
        var operation = (await Document())["paths"]!["/api/partners"]!["post"]!;
        operation["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>()
            .ShouldBe("#/components/schemas/CommandAccepted");
        operation["responses"]!["409"].ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(QueryRoutes))]
    public async Task Each_query_has_its_answer_shape(string route)
    {
        var operation = (await Document())["paths"]![route]!["get"]!;
        operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldNotContain("IResult");
    }

    [Fact]
    public async Task Enums_are_snake_case_and_tokens_are_described()
    {
        var document = await Document();
        document["components"]!["schemas"]!["RecruitmentChannel"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .ShouldContain("partner_referral");
        document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        document["components"]!["schemas"]!["LogOutreach"]!["properties"]!["partnerId"].ShouldBeNull();
    }
}
