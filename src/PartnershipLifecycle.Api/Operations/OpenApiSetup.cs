using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PartnershipLifecycle.Api.Operations;

public static class OpenApiSetup
{
    /// <summary>The document at /openapi/v1.json, with the bearer token every /api route needs.</summary>
    public static IServiceCollection AddPartnershipOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "PartnershipLifecycle";
            document.Info.Description = "Industry partnerships for vocational education, as events. See API.md for the contract.";
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
