using System.Diagnostics;
using System.Globalization;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Telemetry;
using Wolverine;

namespace PartnershipLifecycle.Platform.Http;

/// <summary>
/// The HTTP side of every partner command: reads <c>If-Match</c> and <c>Idempotency-Key</c>, invokes the
/// command's Wolverine handler for the caller's tenant (where the retry policy on concurrency conflicts
/// applies), and turns its <see cref="CommandOutcome"/> into the answer docs/api.md describes.
/// </summary>
public static partial class CommandDispatch
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string CorrelationIdHeader = "X-Correlation-Id";

    /// <summary>The log category of the line each answered command writes.</summary>
    public const string LogCategory = "PartnershipLifecycle.Commands";

    public static async Task<IResult> Send(HttpContext http, IMessageBus bus, Guid partnerId, PartnerCommand command)
    {
        var tenant = http.User.TenantId();
        var correlationId = RelayCorrelationId(http, bus);
        var commandType = command.GetType().Name;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        // Everything logged while the command runs (here, in its handler, by Wolverine and Marten) carries these.
        using var scope = logger.BeginScope(new CommandScope(tenant, correlationId, partnerId, commandType));
        Activity.Current?.SetTag("tenant.id", tenant).SetTag("partner.id", partnerId.ToString()).SetTag("command.type", commandType);

        IResult result;
        try
        {
            result = await Dispatch(http, bus, partnerId, command, tenant);
        }
        catch (Exception e) when (LogFailure(logger, commandType, partnerId, e))
        {
            throw new UnreachableException();
        }

        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var outcome = CommandOutcomes.ForStatus(status);
        Activity.Current?.SetTag("command.outcome", outcome);
        Log.CommandAnswered(logger, commandType, partnerId, outcome, status);
        return result;
    }

    /// <summary>Logs an unexpected failure while the command's scope is still open; never catches it.</summary>
    private static bool LogFailure(ILogger logger, string commandType, Guid partnerId, Exception e)
    {
        if (DatabaseFailures.IsTransient(e))
        {
            // Not a fault of the command: answered 503 by DatabaseUnavailable, which logs it without a stack.
            Log.CommandUnavailable(logger, commandType, partnerId, e.GetBaseException().Message);
        }
        else
        {
            Log.CommandFailed(logger, e, commandType, partnerId);
        }

        return false;
    }

    private static async Task<IResult> Dispatch(HttpContext http, IMessageBus bus, Guid partnerId, PartnerCommand command, string tenant)
    {
        if (partnerId == Guid.Empty)
        {
            // No partner has the all-zero id (Marten refuses it as a stream id), so none is found.
            return ToResult(http, CommandOutcome.Rejected(partnerId, Rejection.NotFound($"No partner {partnerId} in this tenant.")));
        }

        if (!TryReadIfMatch(http.Request, out var expectedVersion, out var problem) ||
            !TryReadIdempotencyKey(http.Request, out var key, out problem))
        {
            return Results.Problem(problem);
        }

        var fingerprint = key is null ? null : IdempotentAnswer.FingerprintOf(http.Request.Method, http.Request.Path, command);
        command = command with { PartnerId = partnerId, ExpectedVersion = expectedVersion, IdempotencyKey = key, IdempotencyFingerprint = fingerprint };
        var store = http.RequestServices.GetRequiredService<IDocumentStore>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();

        if (key is not null && await FindAnswer(store, tenant, key, clock, http.RequestAborted) is { } earlier)
        {
            return Replay(http, earlier, fingerprint);
        }

        try
        {
            var outcome = await bus.InvokeForTenantAsync<CommandOutcome>(tenant, command, http.RequestAborted);
            if (outcome.Rejection is not null && key is not null)
            {
                if (await FindAnswer(store, tenant, key, clock, http.RequestAborted) is { } winner)
                {
                    // A concurrent request with the same key was applied first, and this one was decided on the state
                    // it left (e.g. "already a partner"): the client sent one command, so it gets the first answer.
                    return Replay(http, winner, fingerprint);
                }

                // A refusal is an answer too: the same request again gets it, even if the partner has changed since.
                await RememberRefusal(store, tenant, command, outcome, clock, http.RequestAborted);
            }

            return ToResult(http, outcome);
        }
        catch (DocumentAlreadyExistsException e) when (e.DocumentType == typeof(IdempotentAnswer) && key is not null)
        {
            // A concurrent request with the same key won; answer what it answered.
            var winner = await FindAnswer(store, tenant, key, clock, http.RequestAborted);
            return winner is null ? Conflict("Another request with the same Idempotency-Key is in progress.") : Replay(http, winner, fingerprint);
        }
        catch (ExistingStreamIdCollisionException)
        {
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The id already exists.",
                Detail = $"A partner with id {partnerId} already exists.",
            });
        }
        catch (Exception e) when (e is ConcurrencyException or JasperFx.Events.StreamLockedException or StreamLockedException)
        {
            // Only reached when retries ran out under heavy contention, or If-Match raced another writer.
            return expectedVersion is not null
                ? Results.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status412PreconditionFailed,
                    Title = "The partner has changed.",
                    Detail = $"If-Match named version {expectedVersion}, but another command changed the partner first.",
                })
                : Conflict("The partner was changed by other commands at the same moment; send the command again.");
        }
    }

    public static IResult ToResult(HttpContext http, CommandOutcome outcome)
    {
        if (outcome.Rejection is { } rejection)
        {
            return Results.Problem(ToProblem(rejection));
        }

        http.Response.Headers.ETag = ETagFor(outcome.Version);
        var body = new CommandAccepted(outcome.PartnerId, outcome.Version, outcome.ContactId, outcome.FollowUpId);
        return outcome.Created ? Results.Created($"/api/partners/{outcome.PartnerId}", body) : Results.Ok(body);
    }

    public static string ETagFor(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static ProblemDetails ToProblem(Rejection rejection)
    {
        ProblemDetails problem = rejection.Errors is { Count: > 0 } errors
            ? Validation.Validation.Problem(errors.ToDictionary(), rejection.Detail)
            : new ProblemDetails { Detail = rejection.Detail };

        (problem.Status, problem.Title) = rejection.Kind switch
        {
            RejectionKind.Invalid => (StatusCodes.Status400BadRequest, "The request is not valid."),
            RejectionKind.NotFound => (StatusCodes.Status404NotFound, "Not found."),
            RejectionKind.Conflict => (StatusCodes.Status409Conflict, "Not allowed in the partner's current state."),
            RejectionKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "The partner has changed."),
            _ => throw new UnreachableException(),
        };
        problem.Title = rejection.Title ?? problem.Title;

        foreach (var (name, value) in rejection.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    private static IResult Conflict(string detail) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Conflict.",
        Detail = detail,
    });

    /// <summary>The stored answer to the key's request, or 422 when this request is not the one the key was used for.</summary>
    private static IResult Replay(HttpContext http, IdempotentAnswer answer, string? fingerprint) =>
        answer.Answers(fingerprint)
            ? ToResult(http, answer.Outcome)
            : Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The Idempotency-Key was used for another request.",
                Detail = $"'{IdempotencyKeyHeader}' {answer.Id} already answered a different request (method, path or body) " +
                    $"within the last {IdempotentAnswer.Lifetime.TotalHours:0} hours; use a new key for a new request.",
            });

    private static async Task RememberRefusal(IDocumentStore store, string tenant, PartnerCommand command, CommandOutcome outcome, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        command.RememberAnswer(outcome, session, clock);
        await session.SaveChangesAsync(ct);
    }

    private static async Task<IdempotentAnswer?> FindAnswer(IDocumentStore store, string tenant, string key, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var answer = await session.LoadAsync<IdempotentAnswer>(key, ct);
        if (answer is null)
        {
            return null;
        }

        if (answer.IsExpiredAt(clock.GetUtcNow()))
        {
            // An old key may be used afresh; clear it so the new answer can take its place.
            session.Delete(answer);
            await session.SaveChangesAsync(ct);
            return null;
        }

        return answer;
    }

    /// <summary>The caller's <c>X-Correlation-Id</c>, or the trace id: recorded on the events and answered in the header.</summary>
    private static string RelayCorrelationId(HttpContext http, IMessageBus bus)
    {
        var given = http.Request.Headers[CorrelationIdHeader].ToString();
        var correlationId = given is { Length: > 0 and <= 100 } ? given : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        if (bus is IMessageContext context)
        {
            context.CorrelationId = correlationId;
        }

        http.Response.Headers[CorrelationIdHeader] = correlationId;
        return correlationId;
    }

    /// <summary><c>If-Match: "3"</c> (or <c>W/"3"</c>) names the version the client expects; <c>*</c> means any.</summary>
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

            if (long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                version = parsed;
                return true;
            }
        }

        problem = Validation.Validation.Problem(new Dictionary<string, string[]>
        {
            ["If-Match"] = ["'If-Match' must be one quoted stream version, e.g. \"3\", as given in the ETag header."],
        });
        return false;
    }

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
            [IdempotencyKeyHeader] = [$"'{IdempotencyKeyHeader}' must be one value of 1 to {IdempotentAnswer.MaxKeyLength} printable characters."],
        });
        return false;
    }

    /// <summary>The command's log scope: structured properties for JSON and OTLP, one readable line for people.</summary>
    private sealed class CommandScope(string tenantId, string correlationId, Guid partnerId, string command)
        : IReadOnlyList<KeyValuePair<string, object>>
    {
        private readonly KeyValuePair<string, object>[] _properties =
        [
            new("TenantId", tenantId), new("CorrelationId", correlationId), new("PartnerId", partnerId), new("Command", command),
        ];

        public int Count => _properties.Length;

        public KeyValuePair<string, object> this[int index] => _properties[index];

        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_properties).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"TenantId:{tenantId} CorrelationId:{correlationId} PartnerId:{partnerId} Command:{command}";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Command} on partner {PartnerId}: {Outcome} ({Status})")]
        public static partial void CommandAnswered(ILogger logger, string command, Guid partnerId, string outcome, int status);

        [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Command} on partner {PartnerId} failed")]
        public static partial void CommandFailed(ILogger logger, Exception exception, string command, Guid partnerId);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Command} on partner {PartnerId} could not reach the database: {Reason}")]
        public static partial void CommandUnavailable(ILogger logger, string command, Guid partnerId, string reason);
    }
}
