namespace PartnershipLifecycle.Platform.Commands;

/// <summary>
/// Marks the state of an event-sourced aggregate (Marten's snapshot of one stream, e.g. the partner). An HTTP
/// command endpoint whose <c>Decide</c> method takes one gets it loaded from the stream named by the route's
/// <c>{id}</c> (or by a <see cref="StreamTarget{TAggregate}"/>) and locked for the command (see docs/architecture.md).
/// </summary>
public interface IStreamAggregate;

/// <summary>
/// A command that starts a new stream of <typeparamref name="TAggregate"/> (e.g. identifying a prospect starts a
/// partner); its endpoint's <c>Decide</c> takes no aggregate, and the accepted events start the stream.
/// </summary>
public interface IStartsStream<TAggregate> where TAggregate : class, IStreamAggregate
{
    /// <summary>The id of the stream to start; null only before the endpoint's <c>Before</c> assigned one.</summary>
    Guid? Id { get; }
}

/// <summary>
/// What the command pipeline needs to know of one kind of aggregate; the feature that owns the aggregate registers
/// one as a singleton (the partner's: <c>Partners/PartnerStream.cs</c>).
/// </summary>
public interface IStreamRules<in TAggregate> where TAggregate : class, IStreamAggregate
{
    /// <summary>The aggregate's name in answers, lower case, e.g. <c>partner</c> ("No partner … in this tenant.").</summary>
    string Name { get; }

    /// <summary>The resource path of a stream, e.g. <c>/api/partners/{id}</c>: the <c>Location</c> of a 201.</summary>
    string PathOf(Guid id);

    /// <summary>
    /// A refusal of accepted events that the aggregate's history contradicts (e.g. business dates before the stage
    /// began), checked for every command so that no decision repeats it; null to let them through.
    /// </summary>
    Rejection? Admit(TAggregate aggregate, IReadOnlyList<object> events);

    /// <summary>The body of an accepted command's 200 or 201: the stream's id and new version, and what <paramref name="command"/> adds (e.g. a new contact's id).</summary>
    object Accepted(Guid id, long version, object? command);
}

/// <summary>
/// The stream a command appends to when the route's <c>{id}</c> names something else (e.g. an alert names its
/// partner): returned by the endpoint's <c>Before</c>/<c>Load</c> method. <see cref="Missing"/> set means there is no
/// such thing; the pipeline answers 404 with it as the detail.
/// </summary>
public sealed record StreamTarget<TAggregate>(Guid Id, string? Missing = null) where TAggregate : class, IStreamAggregate
{
    /// <summary>Nothing in this tenant is named by the route: 404 with <paramref name="detail"/>.</summary>
    public static StreamTarget<TAggregate> NotFound(string detail) => new(Guid.Empty, detail);
}

/// <summary>The type of the body a command on this aggregate's stream answers when accepted (for the OpenAPI description).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CommandAnswerAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
