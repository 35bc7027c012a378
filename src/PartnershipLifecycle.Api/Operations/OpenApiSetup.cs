using Microsoft.AspNetCore.OpenApi;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// The document at <c>/openapi/v1.json</c> (OpenAPI 3.1), shaped for generated clients in one place: the
/// transformers beside this class, not attributes on each endpoint. <see cref="OpenApiSchemas"/> types the enums
/// and marks what a request may leave out, <see cref="OpenApiOperations"/> names each operation, its tag, its
/// headers and every answer it really gives, <see cref="OpenApiPublishing"/> the server, the tags, the problem
/// documents and the token, and <see cref="OpenApiWebhooks"/> what webhook receivers are sent. docs/api.md is the
/// contract in prose; <c>build/client-check.sh</c> proves the document with a linter and two client generators.
/// </summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddPartnershipOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<OpenApiSchemas>();
            options.AddOperationTransformer<OpenApiOperations>();
            options.AddDocumentTransformer<OpenApiPublishing>();
            options.AddDocumentTransformer<OpenApiWebhooks>();
        });
}
