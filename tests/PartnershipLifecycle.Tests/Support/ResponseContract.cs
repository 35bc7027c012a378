using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using NJsonSchema;

namespace PartnershipLifecycle.Tests.Support;

/// <summary>
/// Holds every answer the integration tests see to the service's own <c>/openapi/v1.json</c> (issue 15 point 5),
/// so that the document cannot drift from the service: run after each Alba scenario of <see cref="AppFixture"/>'s
/// host, it fails the scenario when the status is not one the operation lists, the content type is not one the
/// response lists, or the JSON body does not validate against the response's schema (NJsonSchema; an object may
/// carry no property its schema does not name).
/// </summary>
public sealed partial class ResponseContract
{
    private readonly List<(string Method, Regex Path, JsonObject Operation)> _operations = [];
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    /// <summary>How many answers were checked: the test of this class proves it is not zero.</summary>
    public int Checked => _checked;

    private int _checked;

    public ResponseContract(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + PathParameter().Replace(Regex.Escape(path), "[^/]+") + "$", RegexOptions.CultureInvariant);
            foreach (var (method, operation) in item!.AsObject())
            {
                _operations.Add((method.ToUpperInvariant(), pattern, operation!.AsObject()));
            }
        }

        _definitions = (JsonObject)document["components"]!["schemas"]!.DeepClone();
    }

    [GeneratedRegex(@"\\\{[^}]+}")]
    private static partial Regex PathParameter();

    /// <summary>Null when the answer is what the document says; otherwise what is wrong.</summary>
    public string? Violation(string method, string path, int status, string? contentType, string body)
    {
        path = path.Split('?')[0]; // a test may write its query string into the path (the property suite does)
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || method is "OPTIONS" or "HEAD")
        {
            return null; // /openapi, /health and CORS preflights: not operations of the document
        }

        Interlocked.Increment(ref _checked);
        var operation = _operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path)).Operation;
        if (operation is null)
        {
            return $"{method} {path} is no operation of /openapi/v1.json.";
        }

        var id = operation["operationId"]!.GetValue<string>();
        var responses = operation["responses"]!.AsObject();
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = responses[code] ?? responses[code[0] + "XX"] ?? responses["default"];
        if (response is null)
        {
            return $"{id} ({method} {path}) answered {status}, which the document does not list ({string.Join(", ", responses.Select(r => r.Key))}).";
        }

        var content = response["content"]?.AsObject();
        if (body.Length == 0)
        {
            return null;
        }

        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (content is null || mediaType is null || content[mediaType] is not { } media)
        {
            return $"{id} answered {status} with a '{contentType}' body, which the document does not list for it " +
                $"({string.Join(", ", content?.Select(c => c.Key) ?? [])}).";
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not { } schemaNode)
        {
            return null;
        }

        var schema = _schemas.GetOrAdd(schemaNode.ToJsonString(), Compile);
        var errors = schema.Validate(body);
        return errors.Count == 0
            ? null
            : $"{id} answered {status} with a body its schema refuses:\n  " +
              string.Join("\n  ", errors.Select(e => $"{e.Path}: {e.Kind} {e.Property}")) + $"\nBody: {Shorten(body)}";
    }

    /// <summary>Reads the answer Alba buffered and checks it; throws with every difference.</summary>
    public async Task Check(HttpContext context)
    {
        // TestServer's answer can be read once: keep a copy in its place for the test to read after.
        var stream = context.Response.Body;
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            context.Response.Body = stream = copy;
        }

        stream.Position = 0;
        var body = await new StreamReader(stream, Encoding.UTF8, leaveOpen: true).ReadToEndAsync();
        stream.Position = 0;

        if (Violation(context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, context.Response.ContentType, body) is { } violation)
        {
            throw new ResponseContractException(violation);
        }
    }

    private JsonSchema Compile(string schemaJson)
    {
        // The document's schemas, as JSON Schema definitions beside the response's schema; every object closed.
        // (Wrapped in allOf: NJsonSchema cannot resolve definitions beside a root that is only a $ref.)
        var root = new JsonObject { ["allOf"] = new JsonArray(JsonNode.Parse(schemaJson)), ["definitions"] = _definitions.DeepClone() };
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        var closed = JsonNode.Parse(text)!;
        Close(closed);
        return JsonSchema.FromJsonAsync(closed.ToJsonString()).GetAwaiter().GetResult();
    }

    private static void Close(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject && o["additionalProperties"] is null)
                {
                    o["additionalProperties"] = false;
                }

                foreach (var (_, child) in o.ToArray())
                {
                    Close(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Close(child);
                }

                break;
        }
    }

    private static string Shorten(string body) => body.Length <= 2000 ? body : body[..2000] + "…";
}

public sealed class ResponseContractException(string message) : Exception(message);
