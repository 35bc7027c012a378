using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnershipLifecycle.Platform.Json;

/// <summary>
/// One JSON shape for the HTTP API, the events Marten stores and the messages Wolverine carries:
/// camelCase properties, snake_case enum values, no integers for enums.
/// </summary>
public static class PartnershipJson
{
    public static readonly JsonNamingPolicy EnumNaming = JsonNamingPolicy.SnakeCaseLower;

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        // Replace any enum converter a library put there first (Marten adds one with default naming).
        foreach (var converter in options.Converters.OfType<JsonStringEnumConverter>().ToArray())
        {
            options.Converters.Remove(converter);
        }

        options.Converters.Add(new JsonStringEnumConverter(EnumNaming, allowIntegerValues: false));

        return options;
    }

    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>The wire name of an enum value, e.g. <c>partner_referral</c>.</summary>
    public static string ToWire<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        EnumNaming.ConvertName(value.ToString());

    public static string ToWire(Enum value) => EnumNaming.ConvertName(value.ToString());

    /// <summary>The enum value of a wire name, as SQL rows carry it: the inverse of <see cref="ToWire{TEnum}"/>.</summary>
    public static TEnum FromWire<TEnum>(string wire) where TEnum : struct, Enum => WireValues<TEnum>.ByName[wire];

    /// <summary>The enum value of a wire name (exactly as written, as the JSON reads it), or false.</summary>
    public static bool TryFromWire<TEnum>(string wire, out TEnum value) where TEnum : struct, Enum => WireValues<TEnum>.ByName.TryGetValue(wire, out value);

    private static class WireValues<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>().ToDictionary(v => v.ToWire());
    }

    /// <summary>Every wire name of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> WireNames(Type enumType) =>
        Enum.GetNames(enumType).Select(EnumNaming.ConvertName).ToArray();
}
