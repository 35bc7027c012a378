using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PartnershipLifecycle.Api.Operations;

public static class OpenApiSetup
{
    /// <summary>
    /// The document at /openapi/v1.json, with the bearer token every /api route needs. Outside Development and
    /// Testing (<paramref name="showInternals"/> false) it names no server address (the one a request reached
    /// behind a proxy is internal) and no .NET type as an operation's tag.
    /// </summary>
    public static IServiceCollection AddPartnershipOpenApi(this IServiceCollection services, bool showInternals = true) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            if (!showInternals)
            {
                document.Servers = [];
                static bool TypeName(string? name) => name is not null && (name.EndsWith("Endpoint") || name.EndsWith("Endpoints") || name.EndsWith("Handler"));
                foreach (var (path, item) in document.Paths ?? [])
                {
                    // /api/admin/webhooks -> "admin", /api/partners/{id} -> "partners": a feature, not a .NET type.
                    var feature = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "api";
                    foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
                    {
                        var internalTags = operation.Tags?.Where(t => TypeName(t.Name)).ToList() ?? [];
                        foreach (var tag in internalTags)
                        {
                            operation.Tags!.Remove(tag);
                        }

                        if (internalTags.Count > 0 && operation.Tags is not { Count: > 0 })
                        {
                            operation.Tags ??= new HashSet<OpenApiTagReference>();
                            operation.Tags.Add(new OpenApiTagReference(feature, document));
                            document.Tags ??= new HashSet<OpenApiTag>();
                            if (!document.Tags.Any(t => t.Name == feature))
                            {
                                document.Tags.Add(new OpenApiTag { Name = feature });
                            }
                        }
                    }
                }

                foreach (var tag in document.Tags?.Where(t => TypeName(t.Name)).ToList() ?? [])
                {
                    document.Tags!.Remove(tag);
                }
            }

            document.Info.Title = "PartnershipLifecycle";
            document.Info.Description = "Industry partnerships for vocational education, as events. See docs/api.md for the contract.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token with sub, tenant_id and role claims.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));
}
