using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Platform.Commands;

/// <summary>Why a command was refused; each kind has its HTTP status (<see cref="PartnershipLifecycle.Platform.Http.CommandAnswers.ToProblem"/>).</summary>
public enum RejectionKind
{
    /// <summary>400: the input is wrong (field errors).</summary>
    Invalid = 1,
    /// <summary>404: no such stream (e.g. partner), or no such item in it (a contact, a follow-up), in this tenant.</summary>
    NotFound,
    /// <summary>409: not allowed in the current state, or the id already exists.</summary>
    Conflict,
    /// <summary>412: <c>If-Match</c> named a version the stream has moved on from.</summary>
    PreconditionFailed,
}

/// <summary>
/// A refusal: its kind (the HTTP status), a sentence for people (<c>detail</c>), field errors for a 400 (JSON path →
/// messages), extensions the client can act on (e.g. <c>currentVersion</c>, <c>existingPartnerId</c>) and, when the
/// kind's usual title does not fit, a title of its own.
/// </summary>
public sealed record Rejection(
    RejectionKind Kind,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null,
    string? Title = null)
{
    public static Rejection NotFound(string detail) => new(RejectionKind.NotFound, detail);

    public static Rejection Conflict(string detail, IReadOnlyDictionary<string, object?>? extensions = null, string? title = null) =>
        new(RejectionKind.Conflict, detail, Extensions: extensions, Title: title);

    /// <summary>409: the id is taken. <paramref name="what"/> is a catalogue key for the thing (<c>What.APartner</c>).</summary>
    public static Rejection IdTaken(string what, Guid id) =>
        Conflict(ApiText.Format("IdTaken", ("what", ApiText.Format(what)), ("id", id)), title: ApiText.Format("Title.IdTaken"));

    public static Rejection Invalid(string field, string message) =>
        new(RejectionKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>412 with <c>currentVersion</c>: <c>If-Match</c> named <paramref name="expected"/>, the stream of <paramref name="what"/> (e.g. "the partner") is at <paramref name="actual"/>.</summary>
    public static Rejection StaleVersion(string what, long expected, long actual) =>
        new(RejectionKind.PreconditionFailed,
            ApiText.Format("Stale", ("expected", expected), ("what", what), ("actual", actual)),
            Extensions: new Dictionary<string, object?> { ["currentVersion"] = actual });
}

/// <summary>
/// What a decision function answers: the events to append, or why not. Deciding is pure:
/// <c>(state, command) -> Decision</c>, no I/O.
/// </summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<object> Events { get; }
    public Rejection? Rejection { get; }
    public bool IsAccepted => Rejection is null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Reject(Rejection rejection) => new([], rejection);

    public static implicit operator Decision(Rejection rejection) => Reject(rejection);
}
