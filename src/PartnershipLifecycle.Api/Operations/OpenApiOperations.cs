using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PartnershipLifecycle.Analytics;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Contracts;
using Wolverine.Http;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// Each operation as a generated client needs it: a short verb-first id (<c>createPartner</c>,
/// <c>recordContactDeparture</c>), a human summary and the XML documentation as its description, one tag by
/// capability, the headers of a command (<c>If-Match</c>, <c>Idempotency-Key</c> in; <c>ETag</c> and, on 201,
/// <c>Location</c> out), typed query filters, and exactly the answers the service gives: each problem status with
/// its own schema (<see cref="OpenApiPublishing"/>), 401 and 403 on every protected operation, <c>text/csv</c>
/// where it is offered, and nothing it never sends (Wolverine's generic <c>200 IResult</c> and body-less 404).
/// </summary>
public sealed partial class OpenApiOperations : IOpenApiOperationTransformer
{
    /// <summary>
    /// The one test of "a command endpoint" (the document's only one): the command's name, e.g.
    /// <c>RecordContactDeparture</c>, from the <see cref="CommandEndpoint"/> metadata the command pipeline
    /// (<c>StreamCommandPolicy</c>) puts on each command endpoint; null for a query or an administration route.
    /// </summary>
    public static string? CommandOf(ApiDescription description) =>
        description.ActionDescriptor.EndpointMetadata.OfType<CommandEndpoint>().FirstOrDefault()?.Name;

    /// <summary>A command that starts a partner's stream (answers 201, never 404 or 412).</summary>
    private const string Creation = "IdentifyProspect";

    /// <summary>Operation ids of the routes that run no partner command, by "METHOD /route".</summary>
    private static readonly Dictionary<string, string> QueryIds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET api/partners"] = "listPartners",
        ["GET api/partners/{id}"] = "getPartner",
        ["GET api/partners/{id}/history"] = "getPartnerHistory",
        ["GET api/partners/{id}/story"] = "getPartnerStory",
        ["GET api/partners/{id}/health"] = "getPartnerHealth",
        ["GET api/health"] = "listPartnerHealth",
        ["GET api/alerts"] = "listTurnoverAlerts",
        ["GET api/analytics/funnel"] = "getFunnel",
        ["GET api/analytics/channels"] = "getChannelReport",
        ["GET api/analytics/losses"] = "getLossReport",
        ["GET api/analytics/commitments"] = "getCommitmentReport",
        ["POST api/admin/webhooks"] = "registerWebhook",
        ["GET api/admin/webhooks"] = "listWebhooks",
        ["DELETE api/admin/webhooks/{id}"] = "deleteWebhook",
        ["POST api/admin/webhooks/{id}/secret"] = "rotateWebhookSecret",
        ["GET api/admin/webhooks/{id}/deliveries"] = "listWebhookDeliveries",
        ["GET api/admin/audit"] = "listAdministrationEntries",
    };

    /// <summary>Query filters the service checks against an enum: the same schema as in bodies.</summary>
    private static readonly Dictionary<string, Type> EnumFilters = new(StringComparer.Ordinal)
    {
        ["stage"] = typeof(Stage),
        ["channel"] = typeof(RecruitmentChannel),
        ["band"] = typeof(HealthBand),
        ["status"] = typeof(AlertStatus),
        ["kind"] = typeof(AlertKind),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var document = context.Document!;
        var route = description.RelativePath?.Split('?')[0].TrimStart('/') ?? "";
        var verb = description.HttpMethod ?? "GET";
        var command = CommandOf(description);

        operation.OperationId = command switch
        {
            Creation => "createPartner",
            { } name => char.ToLowerInvariant(name[0]) + name[1..],
            null => QueryIds.GetValueOrDefault($"{verb} {route}") ?? throw new InvalidOperationException(
                $"{verb} /{route} has no operation id: name it in {nameof(OpenApiOperations)}.{nameof(QueryIds)}."),
        };
        operation.Summary = Sentence(operation.OperationId);
        var docs = MethodOf(description) is { } method ? XmlDocumentation.TryOf(method.DeclaringType!.Assembly) : null;
        operation.Description = Describe(description, docs);
        operation.Tags = new HashSet<OpenApiTagReference> { new(OpenApiPublishing.TagOf(route), document) };

        TypeQueryFilters(operation, document);
        if (command is not null)
        {
            AddCommandHeaders(operation, creates: command == Creation);
        }

        DescribeResponses(operation, description, document, command);
        return Task.CompletedTask;
    }

    private static System.Reflection.MethodInfo? MethodOf(ApiDescription description) =>
        (description.ActionDescriptor as WolverineActionDescriptor)?.Chain?.Method.Method;

    /// <summary><c>recordContactDeparture</c> → "Record contact departure".</summary>
    private static string Sentence(string operationId)
    {
        var words = Words().Replace(operationId, " $1").ToLowerInvariant().Replace(" mou", " MOU", StringComparison.Ordinal);
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();

    /// <summary>The endpoint method's summary, else its class's, else the body type's: what the XML docs say.</summary>
    private static string? Describe(ApiDescription description, XmlDocumentation? docs)
    {
        var method = MethodOf(description);
        var body = description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
        var texts = new[]
        {
            method is null ? null : docs?.Method(method),
            method?.DeclaringType is { } type ? docs?.Summary(type) : null,
            body is null ? null : XmlDocumentation.TryOf(body.Assembly)?.Summary(body),
        };
        // A summary that only names the route says nothing the document does not.
        return texts.FirstOrDefault(t => t is not null && !RouteOnly().IsMatch(t)) ?? texts.FirstOrDefault(t => t is not null);
    }

    [GeneratedRegex(@"^`[A-Z]+ /api/[^`]*`\s*(\(no body\))?$")]
    private static partial Regex RouteOnly();

    private static void TypeQueryFilters(OpenApiOperation operation, OpenApiDocument document)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Query)
            {
                continue;
            }

            if (EnumFilters.TryGetValue(parameter.Name!, out var enumType))
            {
                // The component the bodies use (every filter's enum is also a field of an answer).
                parameter.Schema = new OpenApiSchemaReference(enumType.Name, document);
                parameter.Description ??= $"Only those whose {parameter.Name} is this value.";
            }
            else if (parameter.Name is "page" or "pageSize")
            {
                // Read as text so that a number out of range answers 400 naming it, but a number it is.
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = "1",
                    Maximum = parameter.Name == "page" ? int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : "200",
                };
            }
        }
    }

    private static void AddCommandHeaders(OpenApiOperation operation, bool creates)
    {
        operation.Parameters ??= [];
        if (!creates)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "The partner's version the command was decided on, quoted as the ETag gave it (`\"3\"`): " +
                    "the command is refused with 412 if the partner has moved on. `*` or no header: apply to the latest.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Idempotency-Key",
            In = ParameterLocation.Header,
            Description = "Makes a retry safe: the same key with the same request answers the first answer again for 24 hours " +
                "(with another request, 422). 1 to 200 printable characters.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotentAnswer.MaxKeyLength },
        });
    }

    private static void DescribeResponses(OpenApiOperation operation, ApiDescription description, OpenApiDocument document, string? command)
    {
        operation.Responses ??= [];
        var metadata = description.ActionDescriptor.EndpointMetadata;
        // Wolverine keeps an endpoint method's [ProducesResponseType] on the method, not in the endpoint's metadata.
        var declared = metadata.OfType<IProducesResponseTypeMetadata>()
            .Concat(MethodOf(description)?.GetCustomAttributes(true).OfType<IProducesResponseTypeMetadata>() ?? [])
            .ToArray();

        // Wolverine lists a 200 of the IResult an endpoint returns and a 404 without a body for every route.
        foreach (var (status, response) in operation.Responses.ToArray())
        {
            var generic = response.Content?.Values.Any(c => c.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }) == true;
            var bodiless404 = status == "404" && response.Content is not { Count: > 0 };
            if (generic || bodiless404)
            {
                operation.Responses.Remove(status);
            }
        }

        if (command is not null)
        {
            var success = command == Creation ? "201" : "200";
            operation.Responses.Remove(success == "201" ? "200" : "201");
            operation.Responses[success] = CommandAnswer(document, success);
            var refusals = command == Creation ? new[] { "400", "409", "413", "422" } : ["400", "404", "409", "412", "413", "422"];
            foreach (var status in refusals)
            {
                operation.Responses.TryAdd(status, new OpenApiResponse());
            }
        }

        // A route with a path parameter answers 404 (with a problem) when nothing has that id.
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path))
        {
            operation.Responses.TryAdd("404", new OpenApiResponse());
        }

        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Responses.TryAdd("401", new OpenApiResponse());
            operation.Responses.TryAdd("403", new OpenApiResponse());
        }

        // The partner as it is carries its version, for If-Match.
        if (operation.OperationId == "getPartner" && operation.Responses.TryGetValue("200", out var read) && read is OpenApiResponse readResponse)
        {
            readResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            readResponse.Headers["ETag"] = OpenApiPublishing.ETagHeader();
        }

        // A report the service can write as CSV (CsvAnswer.Negotiate) is offered as text/csv too.
        var csv = declared.Any(d => d.ContentTypes.Contains(CsvAnswer.ContentType) || d.Type?.IsAssignableTo(typeof(ICsvReport)) == true) ||
            description.SupportedResponseTypes.Any(r => r.Type?.IsAssignableTo(typeof(ICsvReport)) == true);
        if (csv && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            okResponse.Content ??= new Dictionary<string, OpenApiMediaType>();
            okResponse.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV with a header row." },
            };
            okResponse.Description = "The report, as JSON or, with `Accept: text/csv`, as CSV.";
        }

        foreach (var (status, response) in operation.Responses.ToArray())
        {
            if (status.Length == 3 && status[0] is '4' or '5')
            {
                operation.Responses[status] = OpenApiPublishing.ProblemResponse(status, document);
            }
            else if (response is OpenApiResponse plain && string.IsNullOrEmpty(plain.Description))
            {
                plain.Description = status;
            }
        }

        var sorted = new OpenApiResponses();
        foreach (var (status, response) in operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            sorted[status] = response;
        }

        operation.Responses = sorted;
    }

    private static OpenApiResponse CommandAnswer(OpenApiDocument document, string status) => new()
    {
        Description = status == "201"
            ? "The partner is registered: its id and version 1."
            : "The command is applied: the partner's new version (and the id of a contact or follow-up it created).",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(CommandAccepted), document) },
        },
        Headers = status == "201"
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["ETag"] = OpenApiPublishing.ETagHeader(),
                ["Location"] = new OpenApiHeader
                {
                    Description = "The new partner: `/api/partners/{id}`.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                },
            }
            : new Dictionary<string, IOpenApiHeader> { ["ETag"] = OpenApiPublishing.ETagHeader() },
    };
}
