using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PartnershipLifecycle.Partners;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// What the document says about itself: a relative server (<c>/</c>, so a generated client takes the address it
/// is given), the title, licence and contact, a few tags by capability, the bearer token, and the problem
/// documents (RFC 9457) with the extensions the service sends: <c>errors</c> and <c>notBefore</c> on 400,
/// <c>existingPartnerId</c> or <c>stage</c>/<c>allowedStages</c> on 409, <c>currentVersion</c> on 412.
/// </summary>
public sealed class OpenApiPublishing : IOpenApiDocumentTransformer
{
    public const string Problem = "Problem";
    public const string ValidationProblem = "ValidationProblem";
    public const string ConflictProblem = "ConflictProblem";
    public const string PreconditionProblem = "PreconditionProblem";

    /// <summary>The tags, in the order a reader meets them, with what each covers.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("partners", "Register an organisation as a prospect, find partners and read one as it is, was, and how it got there."),
        ("lifecycle", "Commands that take a partner through its life: outreach, follow-ups, pitch, pilot, MOU, engagements, evaluations, pause, loss and win-back."),
        ("contacts", "The people at a partner: added, their role changed, their departure (turnover)."),
        ("alerts", "Turnover alerts raised when a partner's champion leaves, and their acknowledgement."),
        ("health", "Engagement health: a score per partner from its delivered commitments and recent contact."),
        ("analytics", "Reports for analysts: funnel, recruitment channels, losses, commitments; JSON or CSV."),
        ("webhooks", "An institution's webhooks for the integration events, and their deliveries (admins)."),
        ("administration", "The audit trail of administration actions (auditors and admins)."),
    ];

    /// <summary>The capability a route belongs to (one tag per operation).</summary>
    public static string TagOf(string route)
    {
        var parts = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            [_, "partners", _, "contacts", ..] => "contacts",
            [_, "partners", _, "health"] => "health",
            [_, "partners", _, "history" or "story"] => "partners",
            [_, "partners", _, _, ..] => "lifecycle",
            [_, "partners", ..] => "partners",
            [_, "alerts", ..] => "alerts",
            [_, "health", ..] => "health",
            [_, "analytics", ..] => "analytics",
            [_, "admin", "webhooks", ..] => "webhooks",
            [_, "admin", ..] => "administration",
            _ => throw new InvalidOperationException($"/{route} belongs to no tag: add it to {nameof(OpenApiPublishing)}.{nameof(TagOf)}."),
        };
    }

    /// <summary>The answer of a refusal: the problem schema of its status.</summary>
    public static OpenApiResponse ProblemResponse(string status, OpenApiDocument document) => new()
    {
        Description = status switch
        {
            "400" => "The request is not valid: `errors` names each field (or header, or query parameter) and what is wrong; nothing was written.",
            "401" => "No valid bearer token.",
            "403" => "The token's role may not do this.",
            "404" => "Nothing with that id in the caller's institution.",
            "409" => "Not allowed in the current state: `stage` and `allowedStages` for a stage rule, `existingPartnerId` for an organisation already registered.",
            "412" => "`If-Match` named a version the partner has moved on from: `currentVersion` is its version now.",
            "413" => "The body is larger than the service takes.",
            "422" => "The `Idempotency-Key` already answered a different request.",
            _ => "A problem.",
        },
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new()
            {
                Schema = new OpenApiSchemaReference(status switch
                {
                    "400" => ValidationProblem,
                    "409" => ConflictProblem,
                    "412" => PreconditionProblem,
                    _ => Problem,
                }, document),
            },
        },
    };

    public static OpenApiHeader ETagHeader() => new()
    {
        Description = "The partner's version as an entity tag, e.g. `\"3\"`: send it back in `If-Match`.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "The service that served this document." }];
        document.Info.Title = "PartnershipLifecycle";
        document.Info.Version = "1";
        document.Info.Summary = "Industry partnerships for vocational education, as events.";
        document.Info.Description =
            "Coordinators recruit and keep industry partners; analysts ask which channels give lasting partners; " +
            "auditors replay how a partner was won or lost. Every command answers the partner's new version (`ETag`), " +
            "takes `If-Match` and `Idempotency-Key`, and refuses with an RFC 9457 problem document. The contract in " +
            "prose is docs/api.md in the repository; the integration events sent to webhooks are under `webhooks`.";
        document.Info.Contact = new OpenApiContact { Name = "The PartnershipLifecycle maintainers" };
        document.Info.License = new OpenApiLicense { Name = "Proprietary: all rights reserved" };

        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        schemas.Remove("IResult");
        schemas.Remove("ProblemDetails");
        schemas[Problem] = ProblemSchema("A refusal (RFC 9457).");
        schemas[ValidationProblem] = ProblemSchema("A request the service does not take (400).", validation: true);
        var conflict = ProblemSchema("A command not allowed in the partner's current state (409).");
        conflict.Properties!["existingPartnerId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String, Format = "uuid",
            Description = "On registering an organisation the institution already has: that partner.",
        };
        conflict.Properties["stage"] = new OpenApiSchemaReference(nameof(Stage), document) { Description = "The partner's stage, when the stage forbids the command." };
        conflict.Properties["allowedStages"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchemaReference(nameof(Stage), document),
            Description = "The stages in which the command is allowed.",
        };
        schemas[ConflictProblem] = conflict;
        var precondition = ProblemSchema("`If-Match` named another version (412).");
        precondition.Properties!["currentVersion"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int64", Description = "The partner's version now.",
        };
        schemas[PreconditionProblem] = precondition;

        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token with sub, tenant_id and role claims (docs/api.md, \"Authentication\").",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
        return Task.CompletedTask;
    }

    private static OpenApiSchema ProblemSchema(string description, bool validation = false)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text("A URI naming the kind of problem."),
                ["title"] = Text("A short summary of the kind of problem."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
                ["detail"] = Text("What went wrong, for a person."),
                ["instance"] = Text("The path of the request."),
                ["traceId"] = Text("The trace of the request, to find it in the service's traces and logs."),
            },
            Required = new HashSet<string> { "title", "status" },
        };
        if (validation)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each field, header or query parameter that is wrong (`occurredOn`, `commitments.mentors`, `If-Match`), with why.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
            schema.Properties["parameter"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "For a query parameter that does not read as its type (`?from=soon`): its name.",
            };
            schema.Properties["notBefore"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Format = "date",
                Description = "For a business date before what it follows: the first date allowed.",
            };
        }

        return schema;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
