using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Platform.Http;

/// <summary>
/// The HTTP vocabulary of every command (docs/api.md, "Commands"): the request headers it reads (<c>If-Match</c>,
/// <c>Idempotency-Key</c>, <c>X-Correlation-Id</c>), the <c>ETag</c> it answers, and a <see cref="Rejection"/> as RFC 9457
/// problem details.
/// </summary>
public static class CommandAnswers
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CorrelationIdHeader = "X-Correlation-Id";

    /// <summary>The log category of the line each answered command writes.</summary>
    public const string LogCategory = "PartnershipLifecycle.Commands";

    /// <summary>A stream version as an entity tag (RFC 9110 §8.8.3), e.g. <c>"3"</c>.</summary>
    public static string ETagFor(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The problem details of a refusal: 400, 404, 409 or 412 with the rejection's errors and extensions.</summary>
    public static ProblemDetails ToProblem(Rejection rejection)
    {
        ProblemDetails problem = rejection.Errors is { Count: > 0 } errors
            ? Validation.Validation.Problem(errors.ToDictionary(), rejection.Detail)
            : new ProblemDetails { Detail = rejection.Detail };

        (problem.Status, problem.Title) = rejection.Kind switch
        {
            RejectionKind.Invalid => (StatusCodes.Status400BadRequest, ApiText.Format("Title.Invalid")),
            RejectionKind.NotFound => (StatusCodes.Status404NotFound, ApiText.Format("Title.NotFound")),
            RejectionKind.Conflict => (StatusCodes.Status409Conflict, ApiText.Format("Title.NotAllowed")),
            RejectionKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, ApiText.Format("Title.Changed")),
            _ => throw new UnreachableException(),
        };
        problem.Title = rejection.Title ?? problem.Title;

        foreach (var (name, value) in rejection.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    /// <summary>A 409 that is nobody's refusal: the request may be sent again.</summary>
    public static IResult Conflict(string detail, string? title = null) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = title ?? ApiText.Format("Title.Conflict"),
        Detail = detail,
    });

    /// <summary>
    /// <c>If-Match: "3"</c> names the stream version the client expects; <c>*</c> or no header means any. Anything
    /// else, a weak tag (<c>W/"3"</c>) included, is a 400 naming the header.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? version, out ProblemDetails problem)
    {
        version = null;
        problem = null!;
        var raw = request.Headers.IfMatch;
        if (raw.Count == 0)
        {
            return true;
        }

        if (EntityTagHeaderValue.TryParseList(raw, out var tags) && tags.Count == 1)
        {
            var tag = tags[0];
            if (tag.Equals(EntityTagHeaderValue.Any))
            {
                return true;
            }

            if (tag.IsWeak)
            {
                // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches, so it cannot guard a write.
                problem = Validation.Validation.Problem(new Dictionary<string, string[]>
                {
                    ["If-Match"] = [ApiText.Format("IfMatch.Weak")],
                });
                return false;
            }

            if (long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                version = parsed;
                return true;
            }
        }

        problem = Validation.Validation.Problem(new Dictionary<string, string[]>
        {
            ["If-Match"] = [ApiText.Format("IfMatch.Invalid")],
        });
        return false;
    }

    /// <summary><c>Idempotency-Key</c>: one value of 1 to <see cref="IdempotentAnswer.MaxKeyLength"/> printable characters, or none.</summary>
    public static bool TryReadIdempotencyKey(HttpRequest request, out string? key, out ProblemDetails problem)
    {
        problem = null!;
        var raw = request.Headers[IdempotencyKeyHeader];
        key = raw.Count == 0 ? null : raw.ToString();
        if (key is null)
        {
            return true;
        }

        if (raw.Count == 1 && key.Length is > 0 and <= IdempotentAnswer.MaxKeyLength && !key.Any(char.IsControl))
        {
            return true;
        }

        problem = Validation.Validation.Problem(new Dictionary<string, string[]>
        {
            [IdempotencyKeyHeader] = [ApiText.Format("IdempotencyKey.Invalid", ("header", IdempotencyKeyHeader), ("max", IdempotentAnswer.MaxKeyLength))],
        });
        return false;
    }

    /// <summary>The caller's <c>X-Correlation-Id</c> (1 to 100 characters), or else the trace id.</summary>
    public static string CorrelationIdOf(HttpContext http)
    {
        var given = http.Request.Headers[CorrelationIdHeader].ToString();
        return given is { Length: > 0 and <= 100 } ? given : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
    }
}

/// <summary>
/// What the HTTP pipeline knows of a command endpoint, as endpoint metadata: read by the command telemetry (log
/// scope, metrics) and the OpenAPI description.
/// </summary>
/// <param name="Name">The command's name, e.g. <c>DeliverPitch</c>.</param>
/// <param name="RequestType">The body's type; null for a command without a body.</param>
/// <param name="Aggregate">The type of the aggregate whose stream it appends to, e.g. the partner.</param>
/// <param name="StartsStream">Whether it starts a new stream (201 with <c>Location</c>) instead of appending to one.</param>
/// <param name="Targeted">Whether the endpoint names its stream itself (a <see cref="PartnershipLifecycle.Platform.Commands.StreamTarget{TAggregate}"/>) rather than by the route's <c>{id}</c>.</param>
public sealed record CommandEndpoint(string Name, Type? RequestType, Type Aggregate, bool StartsStream, bool Targeted);

/// <summary>
/// The log scope of one command request: structured properties for JSON and OTLP, one readable line for people.
/// Opened by the command telemetry before the endpoint runs; the pipeline fills in the stream once it knows it
/// (e.g. the partner an alert belongs to). Held in <see cref="HttpContext.Features"/>.
/// </summary>
public sealed class CommandScope(string tenantId, string correlationId, string command) : IReadOnlyList<KeyValuePair<string, object>>
{
    public string TenantId { get; } = tenantId;
    public string CorrelationId { get; } = correlationId;
    public string Command { get; } = command;

    /// <summary>The aggregate's name, e.g. <c>partner</c>; the scope's property is its id, e.g. <c>PartnerId</c>.</summary>
    public string StreamName { get; private set; } = "stream";
    public Guid? StreamId { get; private set; }

    public void For(string streamName, Guid id) => (StreamName, StreamId) = (streamName, id);

    private KeyValuePair<string, object>[] Properties =>
    [
        new("TenantId", TenantId), new("CorrelationId", CorrelationId), new("Command", Command),
        .. StreamId is { } id ? [new KeyValuePair<string, object>(char.ToUpperInvariant(StreamName[0]) + StreamName[1..] + "Id", id)] : Array.Empty<KeyValuePair<string, object>>(),
    ];

    public int Count => Properties.Length;

    public KeyValuePair<string, object> this[int index] => Properties[index];

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)Properties).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"TenantId:{TenantId} CorrelationId:{CorrelationId} Command:{Command}" +
        (StreamId is { } id ? $" {char.ToUpperInvariant(StreamName[0]) + StreamName[1..]}Id:{id}" : "");
}
