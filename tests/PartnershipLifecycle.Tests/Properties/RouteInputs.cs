using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using PartnershipLifecycle.Platform.Json;
using Wolverine.Http;

namespace PartnershipLifecycle.Tests.Properties;

/// <summary>
/// The settings of the property suite, from the environment:
/// <c>PROPERTY_TESTS_CASES</c> (how many generated requests; 120 unless set), <c>PROPERTY_TESTS_SEED</c> (the seed of
/// the run, an unsigned integer; a fixed one unless set: a failure names the seed to replay it), and
/// <c>PROPERTY_TESTS_CONTROL_CHARACTERS=0</c> (generate no NUL, other C0 control characters or unpaired surrogates in
/// text; they are generated unless it is set, since every route refuses them with 400 naming the field).
/// </summary>
public sealed record PropertySettings(ulong Seed, int Cases, bool ControlCharacters)
{
    public const ulong DefaultSeed = 20_261_130;
    public const int DefaultCases = 120;

    public static PropertySettings FromEnvironment() => new(
        ulong.TryParse(Environment.GetEnvironmentVariable("PROPERTY_TESTS_SEED"), out var seed) ? seed : DefaultSeed,
        int.TryParse(Environment.GetEnvironmentVariable("PROPERTY_TESTS_CASES"), out var cases) && cases > 0 ? cases : DefaultCases,
        Environment.GetEnvironmentVariable("PROPERTY_TESTS_CONTROL_CHARACTERS") != "0");
}

/// <summary>One HTTP route of the service, found by reflection over the Wolverine endpoint methods.</summary>
/// <param name="Method">GET, POST or DELETE.</param>
/// <param name="Template">The route template, e.g. <c>/api/partners/{id}/outreach</c>.</param>
/// <param name="RouteParameters">The template's parameters and their types.</param>
/// <param name="QueryParameters">The endpoint's other simple parameters: bound from the query string.</param>
/// <param name="Body">The type the JSON body binds, or null.</param>
public sealed record Route(string Method, string Template, IReadOnlyList<(string Name, Type Type)> RouteParameters,
    IReadOnlyList<(string Name, Type Type)> QueryParameters, Type? Body)
{
    public override string ToString() => $"{Method} {Template}";

    /// <summary>Every route of the assembly's Wolverine endpoints (<c>[WolverineGet]</c>, <c>[WolverinePost]</c>, ...).</summary>
    public static IReadOnlyList<Route> All(Assembly assembly) =>
    [
        .. assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<WolverineHttpMethodAttribute>().Select(a => Of(m, a)))
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal),
    ];

    private static Route Of(MethodInfo method, WolverineHttpMethodAttribute attribute)
    {
        var template = (string)attribute.GetType().GetProperty("Template")!.GetValue(attribute)!;
        var verb = attribute.GetType().Name.Replace("Wolverine", "").Replace("Attribute", "").ToUpperInvariant();
        var routeNames = template.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}').Split(':')[0]).ToHashSet();
        var parameters = method.GetParameters();
        return new Route(
            verb,
            template,
            [.. parameters.Where(p => routeNames.Contains(p.Name!)).Select(p => (p.Name!, p.ParameterType))],
            [.. parameters.Where(p => !routeNames.Contains(p.Name!) && IsSimple(p.ParameterType)).Select(p => (p.Name!, p.ParameterType))],
            parameters.FirstOrDefault(p => !routeNames.Contains(p.Name!) && IsBody(p.ParameterType))?.ParameterType);
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateOnly) ||
               t == typeof(DateTimeOffset) || t == typeof(DateTime);
    }

    // A record of the service's own assembly: a command or request body.
    private static bool IsBody(Type type) =>
        type.Assembly == typeof(PartnershipJson).Assembly && type is { IsClass: true, IsAbstract: false } && !type.IsSubclassOf(typeof(Delegate));
}

/// <summary>The ids a generated request may name: existing ones of the test's tenant, unknown ones and malformed ones.</summary>
public sealed class KnownIds
{
    public List<Guid> Partners { get; } = [];
    public List<Guid> Contacts { get; } = [];
    public List<Guid> FollowUps { get; } = [];
    public List<Guid> Webhooks { get; } = [];
    public List<Guid> Alerts { get; } = [];

    public List<Guid> For(string template, string parameter) => parameter switch
    {
        "contactId" => Contacts,
        "followUpId" => FollowUps,
        _ when template.StartsWith("/api/admin/webhooks", StringComparison.Ordinal) => Webhooks,
        _ when template.StartsWith("/api/alerts", StringComparison.Ordinal) => Alerts,
        _ => Partners,
    };
}

/// <summary>
/// Generators of request parts from the .NET types the endpoints bind (CsCheck's generators and its PCG random
/// source, so that a seed replays a run): mostly valid values, so that commands are accepted often, and the values
/// real users send that break services (empty, blank, far too long, other scripts, emoji, far dates, edge numbers,
/// unknown enum names, wrong JSON kinds, missing fields).
/// </summary>
public sealed class RouteInputs(PropertySettings settings, KnownIds ids, DateOnly today)
{
    private static readonly Gen<int> Percent = Gen.Int[0, 99];

    private static readonly string[] GoodTexts =
        ["Harbour VR Studio", "met at the fair", "Éclair Pâtisserie", "海港物流有限公司", "株式会社ハーバー", "한국 물류", "مصنع الأمل", "🏭 Factory", "O'Brien & Sons", "a"];

    private static readonly string[] BadTexts =
        ["", "   ", "\t", new string('x', 4001), new string('y', 201), string.Concat(Enumerable.Repeat("🏭", 150)), "  padded  ",
         "<script>alert(1)</script>", "'; drop table partners; --", "\u200B", "e\u0301\u0301\u0301", "null", "%00", "\\u0000"];

    private static readonly string[] ControlTexts = ["nul\u0000inside", "bell\u0007", "esc\u001b[31m", "\ud800 lone", "tail \udfff", "\u0000"];

    private T Pick<T>(PCG pcg, IReadOnlyList<T> items) => items[Gen.Int[0, items.Count - 1].Generate(pcg, null, out _)];

    private bool Chance(PCG pcg, int percent) => Percent.Generate(pcg, null, out _) < percent;

    /// <summary>A path value for a route parameter: an existing id mostly, else unknown, all-zero or malformed.</summary>
    public string PathValue(PCG pcg, Route route, string name, Type type)
    {
        var known = ids.For(route.Template, name);
        var roll = Percent.Generate(pcg, null, out _);
        if (roll < 75 && known.Count > 0)
        {
            return Pick(pcg, known).ToString();
        }

        return Pick(pcg, new[] { Guid.NewGuid().ToString(), Guid.Empty.ToString(), "not-a-uuid", "0", "%20", "00000000000000000000000000000000", Guid.NewGuid().ToString("N").ToUpperInvariant() });
    }

    /// <summary>A query string for the route's query parameters: each present or not, mostly valid.</summary>
    public string QueryString(PCG pcg, Route route)
    {
        var parts = new List<string>();
        foreach (var (name, type) in route.QueryParameters)
        {
            if (Chance(pcg, 50))
            {
                continue;
            }

            var value = name is "page" ? JsonValue.Create(Chance(pcg, 80) ? Gen.Int[1, 3].Generate(pcg, null, out _) : Pick(pcg, new[] { 0, -1, int.MaxValue }))
                : name is "pageSize" ? JsonValue.Create(Chance(pcg, 80) ? Gen.Int[1, 200].Generate(pcg, null, out _) : Pick(pcg, new[] { 0, 201, int.MinValue }))
                : Value(pcg, name, type, depth: 0, good: Chance(pcg, 70));
            var text = value switch
            {
                null => "",
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => value.ToJsonString(),
            };
            parts.Add($"{name}={Uri.EscapeDataString(text)}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>A JSON body for <paramref name="type"/>: an object of its constructor's parameters, mostly valid; now and then not an object at all.</summary>
    public string Body(PCG pcg, Type type)
    {
        var roll = Percent.Generate(pcg, null, out _);
        return roll switch
        {
            0 => "",
            1 => "[]",
            2 => "null",
            3 => "{\"unterminated\":",
            4 => "\"text\"",
            // Two bodies in three are valid in every field (to reach acceptances); the others carry bad values here and there.
            _ => Value(pcg, "body", type, depth: 0, good: roll < 67)?.ToJsonString() ?? "null",
        };
    }

    private JsonNode? Value(PCG pcg, string name, Type type, int depth, bool good)
    {
        name = JsonNamingPolicy.CamelCase.ConvertName(name); // as the JSON names it
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            // A referrer is only valid with the partner_referral channel: mostly left out when the body should be valid.
            return Chance(pcg, good && name == "referredByPartnerId" ? 90 : 25) ? null : Value(pcg, name, nullable, depth, good);
        }

        if (type == typeof(string))
        {
            return Text(pcg, name, good);
        }

        if (type == typeof(DateOnly))
        {
            return Date(pcg, name, good);
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return good || Chance(pcg, 80)
                ? JsonValue.Create(new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-Gen.Int[0, 30].Generate(pcg, null, out _)).ToString("O", CultureInfo.InvariantCulture))
                : JsonValue.Create(Pick(pcg, new[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "yesterday", "2026-02-30T00:00:00Z", "" }));
        }

        if (type == typeof(Guid))
        {
            // A valid body names a new id (a client-chosen id) or an existing partner (a referrer); others name anything.
            return good
                ? JsonValue.Create(name == "referredByPartnerId" && ids.Partners.Count > 0 ? Pick(pcg, ids.Partners) : Guid.NewGuid())
                : JsonValue.Create(PathValue(pcg, new Route("GET", name == "referredByPartnerId" ? "/api/partners" : "/api/x", [], [], null), name, type));
        }

        if (type == typeof(bool))
        {
            return good || Chance(pcg, 90) ? JsonValue.Create(Chance(pcg, 50)) : JsonValue.Create("yes");
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double))
        {
            return Number(pcg, name, type, good);
        }

        if (type.IsEnum)
        {
            var names = PartnershipJson.WireNames(type);
            return good || Chance(pcg, 88) ? JsonValue.Create(Pick(pcg, names)) : JsonValue.Create(Pick(pcg, new[] { "nope", "", names[0].ToUpperInvariant(), "0", "Email" }));
        }

        if (ElementType(type) is { } element)
        {
            var count = !good && Chance(pcg, 5) ? 60 : Gen.Int[name is "offerings" or "events" ? 1 : 0, 3].Generate(pcg, null, out _);
            var array = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                array.Add(name == "events" ? Event(pcg, good) : Value(pcg, name, element, depth + 1, good));
            }

            return array;
        }

        if (depth < 3 && type.IsClass)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            if (constructor is null)
            {
                return new JsonObject();
            }

            var json = new JsonObject();
            foreach (var parameter in constructor.GetParameters())
            {
                if (Chance(pcg, parameter.IsOptional ? 30 : good ? 0 : 4))
                {
                    continue; // missing
                }

                json[JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!)] = Value(pcg, parameter.Name!, parameter.ParameterType, depth + 1, good);
            }

            return json;
        }

        return null;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type != typeof(string)
            ? type.GetGenericArguments()[0]
            : null;

    private JsonNode Event(PCG pcg, bool good) =>
        JsonValue.Create(good || Chance(pcg, 85) ? Pick(pcg, PartnershipLifecycle.Automation.IntegrationEventTypes.All.ToArray()) : "no_such_event");

    private JsonNode? Text(PCG pcg, string name, bool good)
    {
        if (settings.ControlCharacters && Chance(pcg, 10))
        {
            return JsonValue.Create(Pick(pcg, ControlTexts)); // in otherwise valid bodies too, so that they reach the database
        }

        var roll = good ? 0 : Percent.Generate(pcg, null, out _);
        if (roll < 80)
        {
            var lower = name.ToLowerInvariant();
            var suffix = Gen.Int[0, 999_999].Generate(pcg, null, out _);
            return JsonValue.Create(lower switch
            {
                _ when lower.Contains("email") => $"person{suffix}@example.com",
                _ when lower.Contains("url") => "https://hooks.example.com/hook",
                _ when lower.Contains("website") => $"https://site{suffix}.example",
                _ when lower.Contains("secret") => "a-long-enough-secret-" + suffix,
                _ when lower is "name" => $"{Pick(pcg, GoodTexts)} {suffix}",
                _ when lower is "sector" => Pick(pcg, new[] { "manufacturing", "creative_technology", "logistics" }),
                _ when lower is "period" => "2026-T1",
                _ => Pick(pcg, GoodTexts),
            });
        }

        if (roll < 85)
        {
            return null;
        }

        return roll < 97 ? JsonValue.Create(Pick(pcg, BadTexts)) : JsonValue.Create(Gen.Int.Generate(pcg, null, out _));
    }

    private JsonNode Date(PCG pcg, string name, bool good)
    {
        var roll = good ? 0 : Percent.Generate(pcg, null, out _);
        if (roll < 80)
        {
            // Plausible: past dates since the fixture's partners were identified (60 days ago), ends and due dates ahead.
            var (from, to) = name switch
            {
                "endsOn" => (30, 700),
                "dueOn" => (-5, 90),
                "startsOn" => (-10, 0),
                _ => (-20, 0),
            };
            return JsonValue.Create(today.AddDays(Gen.Int[from, to].Generate(pcg, null, out _)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(Pick(pcg, new[]
        {
            "0001-01-01", "0001-01-02", "1899-12-31", "1900-01-01", "9999-12-31", "9999-12-30", "2026-02-30", "2026-13-01", "",
            "20261130", "30/11/2026", today.AddYears(10).ToString("yyyy-MM-dd"), today.AddYears(11).ToString("yyyy-MM-dd"),
            today.AddDays(-3650).ToString("yyyy-MM-dd"), today.AddDays(2).ToString("yyyy-MM-dd"),
        }));
    }

    private JsonNode Number(PCG pcg, string name, Type type, bool good)
    {
        var roll = good ? 0 : Percent.Generate(pcg, null, out _);
        if (roll < 80)
        {
            return name.Contains("Satisfaction") || name.Contains("rating", StringComparison.OrdinalIgnoreCase) || name.Contains("Preparedness") || name.Contains("Interest")
                ? JsonValue.Create(Gen.Int[1, 5].Generate(pcg, null, out _))
                : type == typeof(decimal) || type == typeof(double)
                    ? JsonValue.Create(Gen.Int[0, 400].Generate(pcg, null, out _) / 4m)
                    : JsonValue.Create(Gen.Int[0, 30].Generate(pcg, null, out _));
        }

        return roll switch
        {
            < 84 => JsonValue.Create(-1),
            < 87 => JsonValue.Create(int.MaxValue),
            < 89 => JsonValue.Create(int.MinValue),
            < 91 => JsonValue.Create(long.MaxValue),
            < 93 => JsonValue.Create(79228162514264337593543950335m),
            < 95 => JsonValue.Create(1.5e300),
            < 97 => JsonValue.Create(0.000001m),
            _ => JsonValue.Create("12"),
        };
    }
}
