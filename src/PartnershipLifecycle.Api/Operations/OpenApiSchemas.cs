using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PartnershipLifecycle.Platform.Contracts;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// Every schema of the document as the service reads and writes it (<see cref="PartnershipJson"/>):
/// <list type="bullet">
/// <item>an enum is <c>type: string</c> with its snake_case values and never <c>null</c> (a property that may be
/// null says so itself, with <c>oneOf</c>), so generators make string enums and send names, not numbers;</item>
/// <item>a property is required only when it may not be null and has no default: a new partner's <c>id</c>,
/// <c>allowDuplicate</c> or a command answer's <c>contactId</c> may be left out (a default is said in the
/// description, not as <c>default</c>, which openapi-typescript would read as "always present");</item>
/// <item>a plain property (text, number, date, id) is described by its XML documentation.</item>
/// </list>
/// </summary>
public sealed class OpenApiSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum)
        {
            TypeEnum(schema, type);
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(IsOptional))
            {
                schema.Required?.Remove(property.Name);
                // openapi-typescript types a property with a default as always present (its defaultNonNullable), so
                // a request would have to send it: the default is said in words instead.
                if (schema.Properties is { } properties && properties.TryGetValue(property.Name, out var found) &&
                    found is OpenApiSchema { Default: { } value } optional)
                {
                    optional.Default = null;
                    optional.Description = $"{optional.Description} Default: {value.ToJsonString()}.".TrimStart();
                }
            }
        }

        if (context.JsonPropertyInfo is { } described && schema.Description is null && IsPlain(context.JsonTypeInfo))
        {
            schema.Description = Describe(described);
        }

        return Task.CompletedTask;
    }

    /// <summary>The wire values of <paramref name="enumType"/> as a string schema (also used for query filters).</summary>
    public static void TypeEnum(OpenApiSchema schema, Type enumType)
    {
        schema.Type = JsonSchemaType.String;
        schema.Enum = [.. PartnershipJson.WireNames(enumType).Select(name => (JsonNode)JsonValue.Create(name)!)];
        schema.Description ??= XmlDocumentation.TryOf(enumType.Assembly)?.Summary(enumType);
    }

    /// <summary>May be left out of a request: nullable, or a constructor parameter with a default value.</summary>
    private static bool IsOptional(JsonPropertyInfo property) =>
        (property.IsGetNullable && property.IsSetNullable) || property.AssociatedParameter is { HasDefaultValue: true };

    // Enums and objects are components: a property's description there would land on every use of the type.
    private static bool IsPlain(JsonTypeInfo info) =>
        info.Kind == JsonTypeInfoKind.None && !(Nullable.GetUnderlyingType(info.Type) ?? info.Type).IsEnum;

    private static string? Describe(JsonPropertyInfo property)
    {
        var declaring = property.DeclaringType;
        var name = (property.AttributeProvider as System.Reflection.MemberInfo)?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
        return XmlDocumentation.TryOf(declaring.Assembly)?.Property(declaring, name);
    }
}
