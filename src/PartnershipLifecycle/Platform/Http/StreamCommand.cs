using System.Text.Json;
using JasperFx;
using Marten;
using JasperFx.Events;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Json;
using Wolverine;
using Wolverine.Runtime;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Platform.Http;

/// <summary>
/// One command request on a stream of <typeparamref name="TAggregate"/>, from its headers to its answer. The code
/// <see cref="StreamCommandPolicy"/> generates for a command endpoint calls, in order: <see cref="BeginAsync{TCommand}"/>
/// (headers, replay of an <c>Idempotency-Key</c>), the endpoint's own <c>Before</c>/<c>Load</c> methods,
/// <see cref="LoadAsync"/> (the aggregate, locked), the endpoint's pure <c>Decide</c>, and <see cref="ConcludeAsync"/>
/// (appends the decision's events and the remembered answer in one transaction, then answers). Any step may answer
/// early (<see cref="Answer"/> set), and nothing is written then.
/// </summary>
/// <remarks>
/// Writers of one stream take turns: without <c>If-Match</c> the stream is fetched with Marten's
/// <c>FetchForExclusiveWriting</c> (a row lock held until the transaction ends), so a command always decides on the
/// latest state and concurrent writers neither fail nor leave holes in the event sequence that would hold the async
/// daemon back. With <c>If-Match</c> the stream is fetched optimistically and a version that moved answers 412.
/// </remarks>
public sealed class StreamCommand<TAggregate> where TAggregate : class, IStreamAggregate
{
    private readonly HttpContext _http;
    private readonly IDocumentSession _session;
    private readonly MessageContext _messages;
    private readonly IStreamRules<TAggregate> _rules;
    private readonly TimeProvider _clock;
    private readonly string _commandType;
    private readonly object? _command;
    private IdempotentAnswer? _expiredAnswer;
    private IEventStream<TAggregate>? _stream;

    private StreamCommand(HttpContext http, IDocumentSession session, MessageContext messages, IStreamRules<TAggregate> rules,
        TimeProvider clock, string commandType, object? command)
    {
        _http = http;
        _session = session;
        _messages = messages;
        _rules = rules;
        _clock = clock;
        _commandType = commandType;
        _command = command;
    }

    /// <summary>The answer when the request is already answered (bad headers, a replay, not found, stale version); otherwise null.</summary>
    public IResult? Answer { get; private set; }

    /// <summary>From <c>If-Match</c>: the version the client last saw; null applies the command to the latest.</summary>
    public long? ExpectedVersion { get; private init; }

    /// <summary>From <c>Idempotency-Key</c>.</summary>
    public string? IdempotencyKey { get; private init; }

    /// <summary>The stream's id, once known (the route's, a <see cref="StreamTarget{TAggregate}"/>'s or a new stream's).</summary>
    public Guid StreamId { get; private set; }

    /// <summary>Reads the command's headers and, for a key already answered, replays that answer.</summary>
    public static Task<StreamCommand<TAggregate>> BeginAsync<TCommand>(HttpContext http, TCommand command, IDocumentSession session,
        MessageContext messages, IStreamRules<TAggregate> rules, TimeProvider clock) where TCommand : notnull =>
        StartAsync(http, command, session, messages, rules, clock);

    /// <summary>As <see cref="BeginAsync{TCommand}"/>, for a command without a body.</summary>
    public static Task<StreamCommand<TAggregate>> BeginAsync(HttpContext http, IDocumentSession session,
        MessageContext messages, IStreamRules<TAggregate> rules, TimeProvider clock) =>
        StartAsync(http, null, session, messages, rules, clock);

    private static async Task<StreamCommand<TAggregate>> StartAsync(HttpContext http, object? command, IDocumentSession session,
        MessageContext messages, IStreamRules<TAggregate> rules, TimeProvider clock)
    {
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<CommandEndpoint>();
        var commandType = endpoint?.Name ?? command?.GetType().Name ?? "Command";
        if (!CommandAnswers.TryReadIfMatch(http.Request, out var expected, out var problem) ||
            !CommandAnswers.TryReadIdempotencyKey(http.Request, out var key, out problem))
        {
            return new StreamCommand<TAggregate>(http, session, messages, rules, clock, commandType, command) { Answer = Results.Problem(problem) };
        }

        // The events and the messages they cause carry the request's correlation id.
        var correlationId = http.Features.Get<CommandScope>()?.CorrelationId ?? CommandAnswers.CorrelationIdOf(http);
        session.CorrelationId = correlationId;
        messages.CorrelationId = correlationId;

        var pipeline = new StreamCommand<TAggregate>(http, session, messages, rules, clock, commandType, command)
        {
            ExpectedVersion = expected,
            IdempotencyKey = key,
        };

        if (key is not null && await pipeline.FindAnswerAsync(session, key) is { } earlier)
        {
            pipeline.Answer = pipeline.Replay(earlier);
        }

        return pipeline;
    }

    // The stream's name in the request's language ("partner"), from the catalogue (Stream.partner).
    private string StreamName => ApiText.Format("Stream." + _rules.Name);

    /// <summary>Loads the stream the route's <c>{id}</c> names, for writing; 404 when there is none, 412 when <c>If-Match</c> names another version.</summary>
    public async Task<TAggregate?> LoadAsync(Guid id, CancellationToken ct)
    {
        StreamId = id;
        _http.Features.Get<CommandScope>()?.For(_rules.Name, id);
        if (id == Guid.Empty)
        {
            // No stream has the all-zero id (Marten refuses it as a stream id), so none is found.
            Answer = Refuse(Rejection.NotFound(ApiText.Format("NotFound.Stream", ("stream", StreamName), ("id", id))));
            return null;
        }

        _stream = ExpectedVersion is null
            ? await _session.Events.FetchForExclusiveWriting<TAggregate>(id, ct)
            : await _session.Events.FetchForWriting<TAggregate>(id, ct);
        if (_stream.Aggregate is null)
        {
            Answer = Refuse(Rejection.NotFound(ApiText.Format("NotFound.Stream", ("stream", StreamName), ("id", id))));
            return null;
        }

        var version = _stream.StartingVersion ?? 0;
        if (ExpectedVersion is { } expected && expected != version)
        {
            Answer = Refuse(Rejection.StaleVersion(ApiText.Format("What.TheStream", ("stream", StreamName)), expected, version));
            return null;
        }

        return _stream.Aggregate;
    }

    /// <summary>As <see cref="LoadAsync"/>, for the stream a <see cref="StreamTarget{TAggregate}"/> names; its <c>Missing</c> answers 404.</summary>
    public Task<TAggregate?> LoadTargetAsync(StreamTarget<TAggregate>? target, CancellationToken ct)
    {
        if (target is null || target.Missing is not null)
        {
            Answer = Refuse(Rejection.NotFound(target?.Missing ?? ApiText.Format("NotFound.StreamNoId", ("stream", StreamName))));
            return Task.FromResult<TAggregate?>(null);
        }

        return LoadAsync(target.Id, ct);
    }

    /// <summary>
    /// Applies the decision to the loaded stream: its events (once the aggregate's rules admit them) and the answer
    /// under the <c>Idempotency-Key</c> in one transaction, then writes the answer (200 with the new version and
    /// <c>ETag</c>, or the refusal as problem details).
    /// </summary>
    /// <param name="decision">What <c>Decide</c> answered.</param>
    /// <param name="command">The command as decided on (after the endpoint's <c>Before</c>, e.g. with the id it gave a new contact); null without a body.</param>
    /// <param name="ct">The request's cancellation.</param>
    public async Task ConcludeAsync(Decision decision, object? command, CancellationToken ct)
    {
        var stream = _stream ?? throw new InvalidOperationException("ConcludeAsync before the stream was loaded.");
        if ((decision.Rejection ?? _rules.Admit(stream.Aggregate!, decision.Events)) is { } rejection)
        {
            await FinishAsync(Refuse(rejection, remember: true), ct);
            return;
        }

        var version = (stream.StartingVersion ?? 0) + decision.Events.Count;
        stream.AppendMany(decision.Events);
        await FinishAsync(Accept(StreamId, version, command, created: false), ct);
    }

    /// <summary>For a command that starts a stream (<see cref="IStartsStream{TAggregate}"/>): the accepted events start it, answered 201 with <c>Location</c>.</summary>
    public async Task ConcludeNewAsync(Decision decision, IStartsStream<TAggregate> command, CancellationToken ct)
    {
        StreamId = command.Id ?? throw new InvalidOperationException("The endpoint's Before assigns the new stream's id.");
        _http.Features.Get<CommandScope>()?.For(_rules.Name, StreamId);
        if (decision.Rejection is { } rejection)
        {
            await FinishAsync(Refuse(rejection, remember: true), ct);
            return;
        }

        _session.Events.StartStream<TAggregate>(StreamId, [.. decision.Events]);
        await FinishAsync(Accept(StreamId, decision.Events.Count, command, created: true), ct);
    }

    private IResult Accept(Guid id, long version, object? command, bool created)
    {
        var body = _rules.Accepted(id, version, command);
        var location = created ? _rules.PathOf(id) : null;
        if (IdempotencyKey is not null)
        {
            Remember(new IdempotentAnswer(IdempotencyKey, id, version, JsonSerializer.Serialize(body, body.GetType(), PartnershipJson.Options),
                null, location, _commandType, _clock.GetUtcNow(), Fingerprint));
        }

        return Accepted(version, body, location);
    }

    private static IResult Accepted(long version, object body, string? location) => new AcceptedResult(version, body, location);

    private IResult Refuse(Rejection rejection, bool remember = false)
    {
        // A refusal is an answer too: the same request again gets it, even if the stream has changed since.
        if (remember && IdempotencyKey is not null)
        {
            Remember(new IdempotentAnswer(IdempotencyKey, StreamId, 0, null, rejection, null, _commandType, _clock.GetUtcNow(), Fingerprint));
        }

        return Results.Problem(CommandAnswers.ToProblem(rejection));
    }

    private void Remember(IdempotentAnswer answer)
    {
        if (_expiredAnswer is not null)
        {
            // The key's earlier answer has expired: this one takes its place.
            _session.Store(answer);
        }
        else
        {
            // Insert, not Store: a concurrent request with the same key then fails as a whole.
            _session.Insert(answer);
        }
    }

    private string? Fingerprint => IdempotencyKey is null
        ? null
        : IdempotentAnswer.FingerprintOf(_http.Request.Method, _http.Request.Path, _commandType, _command);

    private async Task FinishAsync(IResult answer, CancellationToken ct)
    {
        Answer = answer;
        try
        {
            await _session.SaveChangesAsync(ct);
            await _messages.FlushOutgoingMessagesAsync();
        }
        catch (Exception e) when (IsAnswerable(e))
        {
            // The transaction was rolled back: drop what it held, so that nothing after this (e.g. Wolverine's own
            // transaction step on an endpoint that also uses the session) writes or sends it after all.
            _session.EjectAllPendingChanges();
            await _messages.ClearAllAsync();
            Answer = await AnswerFailureAsync(e, ct);
        }

        await Answer.ExecuteAsync(_http);
    }

    private bool IsAnswerable(Exception e) =>
        e is DocumentAlreadyExistsException { DocumentType: var type } && type == typeof(IdempotentAnswer) && IdempotencyKey is not null
        || e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
        || e is ConcurrencyException or JasperFx.Events.StreamLockedException or Marten.Exceptions.StreamLockedException;

    private async Task<IResult> AnswerFailureAsync(Exception e, CancellationToken ct)
    {
        if (e is DocumentAlreadyExistsException)
        {
            // A concurrent request with the same key was applied first, and this one (decided on the state it left,
            // e.g. "already a partner") was rolled back: the client sent one command, so it gets the first answer.
            await using var fresh = _session.DocumentStore.LightweightSession(_session.TenantId);
            var winner = await fresh.LoadAsync<IdempotentAnswer>(IdempotencyKey!, ct);
            return winner is { IsComplete: true } ? Replay(winner) : CommandAnswers.Conflict(ApiText.Format("Conflict.IdempotencyInProgress"));
        }

        if (e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The id already exists.",
                Detail = $"A {_rules.Name} with id {StreamId} already exists.",
            });
        }

        // With If-Match: another writer moved the stream between our read and our append. Without: only when the
        // stream's lock could not be had in time.
        return ExpectedVersion is { } expected
            ? Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = "The resource has changed.",
                Detail = $"If-Match named version {expected}, but another command changed the {_rules.Name} first.",
            })
            : CommandAnswers.Conflict(ApiText.Format("Conflict.Concurrent", ("stream", StreamName)));
    }

    private async Task<IdempotentAnswer?> FindAnswerAsync(IDocumentSession session, string key)
    {
        var answer = await session.LoadAsync<IdempotentAnswer>(key, _http.RequestAborted);
        if (answer is null)
        {
            return null;
        }

        if (!answer.IsComplete || answer.IsExpiredAt(_clock.GetUtcNow()))
        {
            // An old key may be used afresh: the new answer replaces it.
            _expiredAnswer = answer;
            return null;
        }

        return answer;
    }

    /// <summary>The stored answer to the key's request, or 422 when this request is not the one the key was used for.</summary>
    private IResult Replay(IdempotentAnswer answer)
    {
        if (!answer.Answers(Fingerprint))
        {
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The Idempotency-Key was used for another request.",
                Detail = $"'{CommandAnswers.IdempotencyKeyHeader}' {answer.Id} already answered a different request (method, path or body) " +
                    $"within the last {IdempotentAnswer.Lifetime.TotalHours:0} hours; use a new key for a new request.",
            });
        }

        return answer.Rejection is { } rejection
            ? Results.Problem(CommandAnswers.ToProblem(rejection))
            : Accepted(answer.Version, new StoredJson(answer.Accepted!), answer.Location);
    }

    /// <summary>An acceptance's body as it was first answered (JSON text).</summary>
    private sealed record StoredJson(string Json);

    /// <summary>200, or 201 with <c>Location</c>, with the stream's new version as <c>ETag</c> and the body as JSON.</summary>
    private sealed class AcceptedResult(long version, object body, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ETag = CommandAnswers.ETagFor(version);
            var status = location is null ? StatusCodes.Status200OK : StatusCodes.Status201Created;
            // The API's JSON options (null: those the host configured), as every other answer; a replay answers the stored text.
            var inner = body is StoredJson stored
                ? Results.Content(stored.Json, "application/json; charset=utf-8", System.Text.Encoding.UTF8, status)
                : Results.Json(body, (JsonSerializerOptions?)null, statusCode: status);
            if (location is not null)
            {
                http.Response.Headers.Location = location;
            }

            return inner.ExecuteAsync(http);
        }
    }
}
