using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PartnershipLifecycle.Platform.Contracts;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// The integration events a registered webhook receives, in the document's <c>webhooks</c> (OpenAPI 3.1): one
/// <c>POST</c> per event with its signature headers, its envelope (<c>&lt;Name&gt;Event</c>: id, type, tenantId,
/// partnerId, occurredAt) and its <c>data</c> (<c>&lt;Name&gt;</c>) as components, so a receiver can generate its
/// types. The schemas are the files of <c>eventschema/integration/</c> (embedded in this assembly), which the drift test
/// keeps equal to the code.
/// </summary>
public sealed class OpenApiWebhooks : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var contract in EventCatalogue.Integration.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var type = Pascal(contract.Name);
            var envelope = PublishedSchema(contract);
            envelope.Remove("$schema");
            var data = envelope["properties"]!["data"]!.AsObject();
            envelope["properties"]!.AsObject()["data"] = new JsonObject { ["$ref"] = $"#/components/schemas/{type}" };
            envelope["properties"]!["data"]!.AsObject()["description"] = "What happened.";
            envelope["title"] = $"{contract.Name} (version {contract.Version})";

            document.Components.Schemas[type] = Parse(data, document);
            document.Components.Schemas[type + "Event"] = Parse(envelope, document);
            document.Webhooks[contract.Name] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = Delivery(contract, type, document),
                },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>The contract's published JSON Schema, e.g. <c>eventschema/integration/partnership_lost.v1.json</c>.</summary>
    private static JsonObject PublishedSchema(EventContract contract)
    {
        var name = "eventschema/" + contract.FileName;
        using var stream = typeof(OpenApiWebhooks).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the service: write it with the event schema tool.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static OpenApiOperation Delivery(EventContract contract, string type, OpenApiDocument document) => new()
    {
        OperationId = "on" + type,
        Summary = $"A {contract.Name} event",
        Description = (XmlDocumentation.TryOf(contract.Type.Assembly)?.Summary(contract.Type) ?? contract.Name) +
            " Sent to each webhook of the institution that lists the event; a redelivery carries the same `id` " +
            "(docs/api.md, \"Automation\").",
        Tags = new HashSet<OpenApiTagReference> { new("webhooks", document) },
        Parameters =
        [
            Header("X-Signature", "`sha256=<hex>`: the HMAC-SHA256 of the raw body with the webhook's secret; during a secret " +
                "rotation, one per secret, newest first, separated by `, `.", required: true),
            Header("X-Event-Id", "The event's `id`.", required: true, format: "uuid"),
            Header("X-Event-Type", "The event's `type`.", required: true),
            Header("X-Delivery-Attempt", "1 for the first try, then 2, 3, ...", required: true, integer: true),
        ],
        RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(type + "Event", document) },
            },
        },
        Responses = new OpenApiResponses
        {
            ["2XX"] = new OpenApiResponse { Description = "Received. Any other answer (or none within the timeout) is retried later; redirects are not followed." },
        },
        Security = [],
    };

    private static OpenApiParameter Header(string name, string description, bool required, string? format = null, bool integer = false) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = integer ? JsonSchemaType.Integer : JsonSchemaType.String, Format = format },
    };

    private static IOpenApiSchema Parse(JsonObject schema, OpenApiDocument document) =>
        OpenApiModelFactory.Parse<OpenApiSchema>(schema.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out _, "json")
        ?? throw new InvalidOperationException($"The schema {schema["title"]} does not read as OpenAPI 3.1.");

    /// <summary><c>turnover_alert_raised</c> → <c>TurnoverAlertRaised</c>.</summary>
    private static string Pascal(string wireName) =>
        string.Concat(wireName.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
