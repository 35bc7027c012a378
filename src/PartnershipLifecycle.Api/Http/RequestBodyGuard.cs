using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Validation;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Api.Http;

/// <summary>
/// Checks a request before its endpoint runs. Every request but the web app's (<c>/app</c>, whose pages check their
/// own query values): a query-string parameter with a control character (e.g. <c>?sector=%00</c>) answers 400 naming
/// the parameter. A command's body: over <see cref="MaxBodyBytes"/>
/// answers 413; any string in it, nested ones too, that <see cref="TextRules"/> refuses as text (a NUL, another
/// control character than tab, line feed and carriage return, an unpaired surrogate escape such as <c>"\ud800"</c>)
/// answers 400 naming the field (<c>commitments.x</c>, <c>partnerResponsibilities[1]</c>); and JSON that does not fit
/// the endpoint's request type answers 400 naming the field (an unknown enum value lists the allowed ones), instead of
/// the endpoint's generic "invalid JSON"; a number, flag, date, enum or UUID the command requires that the body leaves
/// out answers 400 naming each such field (instead of binding as 0, false or the first enum value). A good body is
/// rewound for the endpoint.
/// </summary>
public sealed class RequestBodyGuard(RequestDelegate next, IOptions<JsonOptions> jsonOptions, IProblemDetailsService problems)
{
    public const int MaxBodyBytes = 256 * 1024;

    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;

    public async Task InvokeAsync(HttpContext http)
    {
        // The web app's pages check their own query values and answer with the page and a message beside the field
        // (a coordinator who pasted a name with a text-direction control gets the partner list, not a JSON problem).
        if (!http.Request.Path.StartsWithSegments("/app") && QueryError(http.Request.Query) is { } queryError)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = queryError });
            return;
        }

        var requestType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (requestType is null || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsDelete(http.Request.Method))
        {
            await next(http);
            return;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await WriteTooLarge(http);
            return;
        }

        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBodyBytes + 1);
        byte[] body;
        try
        {
            body = await ReadUpTo(http.Request.Body, MaxBodyBytes + 1, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteTooLarge(http);
            return;
        }

        if (body.Length > MaxBodyBytes)
        {
            await WriteTooLarge(http);
            return;
        }

        http.Request.Body.Position = 0;
        var error = FindError(body, requestType);
        if (error is not null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = error });
            return;
        }

        await next(http);
    }

    /// <summary>A query-string parameter whose name or value holds a control character (none is ever meaningful there).</summary>
    private static HttpValidationProblemDetails? QueryError(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            // A bad name cannot name the field: the query string as a whole is.
            var (field, problem) = TextRules.Problem(name, TextKind.Name) is { } nameProblem
                ? ("query", nameProblem)
                : (name, values.Select(TextRules.ProblemOf(TextKind.Name)).FirstOrDefault(p => p is not null));
            if (problem is not null)
            {
                return Validation.Problem(new Dictionary<string, string[]> { [field] = [ApiText.Format("Field.Problem", ("field", field), ("problem", problem))] });
            }
        }

        return null;
    }

    private HttpValidationProblemDetails? FindError(byte[] body, Type requestType)
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return Validation.Problem(new Dictionary<string, string[]> { ["body"] = [ApiText.Format("Body.Required")] });
        }

        // Parsed once for the text and required-field checks; null when the body is not JSON (the deserializer says why).
        using var document = TryParse(body);
        if (document is not null && TextError(document) is { } textError)
        {
            return textError;
        }

        try
        {
            var value = JsonSerializer.Deserialize(body, requestType, _json);
            return value is null
                ? Validation.Problem(new Dictionary<string, string[]> { ["body"] = [ApiText.Format("Body.Object")] })
                : MissingError(document!, requestType);
        }
        catch (JsonException e) when (e.InnerException is JsonException || e.Path is null)
        {
            // The reader failed: the text is not JSON at all.
            var problem = Validation.Problem(new Dictionary<string, string[]> { ["body"] = [ApiText.Format("Body.Malformed", ("error", e.Message))] });
            problem.Title = ApiText.Format("Title.Malformed");
            return problem;
        }
        catch (JsonException e) when (e.Path == "$")
        {
            // Well-formed JSON of the wrong kind at the top ([], "text", 42).
            return Validation.Problem(new Dictionary<string, string[]> { ["body"] = [ApiText.Format("Body.Object")] });
        }
        catch (JsonException e)
        {
            var field = e.Path!.TrimStart('$', '.');
            return Validation.Problem(new Dictionary<string, string[]> { [field] = [Describe(field, requestType)] });
        }
    }

    /// <summary>The body as a JSON document, or null when it is not JSON (the deserializer then says why).</summary>
    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first string of the body (value or property name, at any depth) that is not text the API stores, named by
    /// its path; null when there is none.
    /// </summary>
    private static HttpValidationProblemDetails? TextError(JsonDocument document)
    {
        return Walk(document.RootElement, "") is var (path, problem)
            ? Validation.Problem(new Dictionary<string, string[]> { [path.Length == 0 ? "body" : path] = [ApiText.Format("Field.Problem", ("field", path.Length == 0 ? "body" : path), ("problem", problem))] })
            : null;

        static (string Path, string Problem)? Walk(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return Check(() => element.GetString()!) is { } problem ? (path, problem) : null;
                case JsonValueKind.Object:
                    // A field sent twice would be read as its last value, silently (names match ignoring case, as the
                    // deserializer matches them).
                    var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in element.EnumerateObject())
                    {
                        if (Check(() => property.Name) is { } nameProblem)
                        {
                            return (path.Length == 0 ? "body" : path, ApiText.Format("Text.PropertyName", ("problem", nameProblem)));
                        }

                        var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                        if (!seen.Add(property.Name))
                        {
                            return (propertyPath, ApiText.Format("Field.Duplicate"));
                        }

                        if (Walk(property.Value, propertyPath) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (Walk(item, $"{path}[{index++}]") is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        // System.Text.Json refuses an unpaired surrogate escape ("\ud800") only when the string is read.
        static string? Check(Func<string> read)
        {
            try
            {
                return TextRules.Problem(read(), TextKind.FreeText);
            }
            catch (InvalidOperationException)
            {
                return ApiText.Format("Text.UnpairedSurrogateEscape");
            }
        }
    }

    /// <summary>
    /// Every field the request type cannot do without that the body leaves out: a number, a flag, a date, an enum or a
    /// UUID (at any depth) bound to a constructor parameter without a default. System.Text.Json would bind it silently as
    /// 0, false, 0001-01-01 or the first enum value; a client that forgot it must hear so instead. Null when none is missing.
    /// </summary>
    private HttpValidationProblemDetails? MissingError(JsonDocument document, Type requestType)
    {
        var errors = new Dictionary<string, string[]>();
        Collect(document.RootElement, requestType, "");
        return errors.Count == 0 ? null : Validation.Problem(errors);

        void Collect(JsonElement element, Type type, string path)
        {
            if (element.ValueKind != JsonValueKind.Object || _json.GetTypeInfo(type) is not { Kind: JsonTypeInfoKind.Object } info)
            {
                return;
            }

            foreach (var property in info.Properties)
            {
                var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                var present = TryGetProperty(element, property.Name, out var value);
                if (!present && property.AssociatedParameter is { HasDefaultValue: false } && IsValueWithoutNull(property.PropertyType))
                {
                    errors[field] = [ApiText.Format("Field.RequiredNamed", ("field", field))];
                }
                else if (present)
                {
                    Collect(value, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, field);
                }
            }
        }

        // As the deserializer matches names (PropertyNameCaseInsensitive).
        static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
        {
            foreach (var candidate in element.EnumerateObject())
            {
                if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidate.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }

        static bool IsValueWithoutNull(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null;
    }

    /// <summary>What the value at a JSON path should have been, from the request type's JSON contract.</summary>
    private string Describe(string path, Type requestType)
    {
        var type = TypeAt(path, requestType);
        var target = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        var expected = target switch
        {
            null => ApiText.Format("Expected.Value"),
            { IsEnum: true } => ApiText.Format("Expected.OneOf", ("values", string.Join(", ", PartnershipJson.WireNames(target)))),
            _ when target == typeof(DateOnly) => ApiText.Format("Expected.Date"),
            _ when target == typeof(DateTimeOffset) || target == typeof(DateTime) => ApiText.Format("Expected.Timestamp"),
            _ when target == typeof(Guid) => ApiText.Format("Expected.Uuid"),
            _ when target == typeof(int) => ApiText.Format("Expected.Int"),
            _ when target == typeof(long) => ApiText.Format("Expected.Long"),
            _ when target == typeof(decimal) || target == typeof(double) => ApiText.Format("Expected.Number"),
            _ when target == typeof(bool) => ApiText.Format("Expected.Bool"),
            _ when target == typeof(string) => ApiText.Format("Expected.String"),
            _ => _json.GetTypeInfo(target).Kind switch
            {
                JsonTypeInfoKind.Enumerable => ApiText.Format("Expected.Array"),
                JsonTypeInfoKind.Object => ApiText.Format("Expected.Object"),
                _ => ApiText.Format("Expected.Value"),
            },
        };
        return ApiText.Format("Field.MustBe", ("field", path), ("expected", expected));
    }

    private Type? TypeAt(string path, Type root)
    {
        var type = root;
        foreach (var segment in path.Split('.'))
        {
            var name = segment;
            var bracket = segment.IndexOf('[');
            if (bracket >= 0)
            {
                name = segment[..bracket];
            }

            if (name.Length > 0)
            {
                var info = _json.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
                var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (property is null)
                {
                    return null;
                }

                type = property.PropertyType;
            }

            for (var i = bracket; i >= 0 && i < segment.Length; i = segment.IndexOf('[', i + 1))
            {
                var element = _json.GetTypeInfo(type).ElementType;
                if (element is null)
                {
                    return null;
                }

                type = element;
            }
        }

        return type;
    }

    private async Task WriteTooLarge(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = ApiText.Format("Title.TooLarge"),
                Detail = ApiText.Format("Body.TooLarge", ("kib", MaxBodyBytes / 1024)),
            },
        });
    }

    private static async Task<byte[]> ReadUpTo(Stream stream, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
