using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using PartnershipLifecycle.Platform.Contracts;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Validation;

namespace PartnershipLifecycle.EventSchemaTool;

/// <summary>
/// The JSON Schema (draft 2020-12) of each event contract, generated from its .NET type with
/// <see cref="JsonSchemaExporter"/> under the JSON options Marten stores events with
/// (<see cref="PartnershipJson"/>): camelCase fields, snake_case enum strings, <c>date</c> and <c>uuid</c>
/// formats. Descriptions come from the types' XML documentation, limits from the attributes of SchemaLimits.cs
/// (<see cref="TextLimitAttribute"/>, <see cref="BetweenAttribute"/>, <see cref="ListSizeAttribute"/>);
/// non-nullable fields are required.
/// This tool's <c>write</c> verb commits the result; the drift test regenerates it and compares. Only development
/// needs it: the running service knows its events through <see cref="EventCatalogue"/>, not their schemas.
/// </summary>
public static class EventSchemas
{
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    // The stored shape is PartnershipJson's; respecting nullable annotations changes no byte on the wire, it only
    // lets the exporter tell `string` from `string?`.
    private static readonly JsonSerializerOptions Exporting = new(PartnershipJson.Options)
    {
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions Writing = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every schema file of <paramref name="contracts"/>: path under eventschema/ → text to commit.</summary>
    public static IReadOnlyDictionary<string, string> Files(IEnumerable<EventContract> contracts) =>
        contracts.ToDictionary(c => c.FileName, c => ToText(SchemaOf(c)), StringComparer.Ordinal);

    public static string ToText(JsonNode schema) => schema.ToJsonString(Writing) + "\n";

    public static JsonObject SchemaOf(EventContract contract)
    {
        var docs = DocsOf(contract.Type);
        var shape = contract.Kind == EventKind.Integration
            ? typeof(IntegrationEventEnvelope<>).MakeGenericType(contract.Type)
            : contract.Type;
        var exported = (JsonObject)Exporting.GetJsonSchemaAsNode(shape, new JsonSchemaExporterOptions
        {
            // An event is never null, nor an item of its lists: generic arguments carry no nullability to read.
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Describe(context, node),
        });

        var schema = new JsonObject
        {
            ["$schema"] = Dialect,
            ["title"] = $"{contract.Name} v{contract.Version}",
            ["description"] = docs?.Summary(contract.Type),
        };
        foreach (var (key, value) in exported.ToArray())
        {
            exported.Remove(key);
            if (key != "description")
            {
                schema[key] = value;
            }
        }

        if (contract.Kind == EventKind.Integration)
        {
            var properties = schema["properties"]!.AsObject();
            // One allowed value (enum rather than const, which the validator of the tests does not check).
            properties["type"] = new JsonObject
            {
                ["description"] = properties["type"]?["description"]?.DeepClone(),
                ["enum"] = new JsonArray(contract.Name),
            };
            properties["data"]!.AsObject()["description"] = docs?.Summary(contract.Type);
        }

        return schema;
    }

    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode node)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        var property = context.PropertyInfo;
        var description = property is null ? null : DocsOf(property.DeclaringType)?.Property(property.DeclaringType, ClrName(property));
        description ??= DocsOf(type)?.Summary(type);
        if (type.IsEnum && DocsOf(type) is { } enumDocs)
        {
            description = Join(description, ValueNotes(type, enumDocs));
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            var required = context.TypeInfo.Properties.Where(p => !p.IsGetNullable).Select(p => (JsonNode)p.Name).ToArray();
            if (required.Length > 0)
            {
                schema["required"] = new JsonArray(required);
            }
        }

        if (property is not null)
        {
            ApplyLimits(property, schema);
        }

        return description is null ? schema : WithFirst(schema, "description", description);
    }

    // The service's types must be documented; others (string, Guid, a test's own event) may be.
    private static XmlDocumentation? DocsOf(Type type) =>
        type.Assembly == typeof(EventCatalogue).Assembly ? XmlDocumentation.Of(type.Assembly) : XmlDocumentation.TryOf(type.Assembly);

    // Documentation is keyed by the .NET name, the schema by the JSON (camelCase) name.
    private static string ClrName(JsonPropertyInfo property) =>
        (property.AttributeProvider as System.Reflection.MemberInfo)?.Name ?? property.Name;

    private static void ApplyLimits(JsonPropertyInfo property, JsonObject schema)
    {
        var attributes = (property.AttributeProvider?.GetCustomAttributes(true) ?? [])
            .Concat(property.AssociatedParameter?.AttributeProvider?.GetCustomAttributes(true) ?? [])
            .OfType<Attribute>()
            .ToArray();

        var isArray = IsType(schema, "array");
        var required = !property.IsGetNullable;
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case TextLimitAttribute text when isArray:
                    var items = schema["items"]!.AsObject();
                    items["minLength"] = 1;
                    items["maxLength"] = MaxCodePoints(text);
                    break;
                case TextLimitAttribute text:
                    if (required)
                    {
                        schema["minLength"] = 1;
                    }

                    schema["maxLength"] = MaxCodePoints(text);
                    break;
                case ListSizeAttribute size:
                    if (size.Min > 0)
                    {
                        schema["minItems"] = size.Min;
                    }

                    if (size.Max < int.MaxValue)
                    {
                        schema["maxItems"] = size.Max;
                    }

                    break;
                case BetweenAttribute range:
                    schema["minimum"] = range.Minimum;
                    if (!double.IsPositiveInfinity(range.Maximum))
                    {
                        schema["maximum"] = range.Maximum;
                    }

                    break;
            }
        }
    }

    // The limit counts user-perceived characters (TextRules.Length); JSON Schema's maxLength counts code points, of
    // which one character holds at most TextRules.MaxCodePointsPerCharacter: the bound a valid event never exceeds.
    private static int MaxCodePoints(TextLimitAttribute text) => text.MaxLength * TextRules.MaxCodePointsPerCharacter;

    private static bool IsType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>() == type,
        JsonArray types => types.Any(t => t?.GetValue<string>() == type),
        _ => false,
    };

    private static string? ValueNotes(Type enumType, XmlDocumentation docs)
    {
        var notes = Enum.GetNames(enumType)
            .Select(name => (Wire: PartnershipJson.EnumNaming.ConvertName(name), Doc: docs.EnumValue(enumType, name)))
            .Where(v => v.Doc is not null)
            .Select(v => $"`{v.Wire}`: {v.Doc}")
            .ToArray();
        return notes.Length == 0 ? null : string.Join(" ", notes);
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first} {second}";

    // Description first, so a reader meets what a field means before its type and limits.
    private static JsonObject WithFirst(JsonObject schema, string key, string value)
    {
        var ordered = new JsonObject { [key] = value };
        foreach (var (k, v) in schema.ToArray())
        {
            schema.Remove(k);
            if (k != key)
            {
                ordered[k] = v;
            }
        }

        return ordered;
    }
}
