using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Platform.Commands;

/// <summary>Why a command was refused; each kind has its HTTP status (see <see cref="PartnershipLifecycle.Platform.Http.CommandDispatch"/>).</summary>
public enum RejectionKind
{
    /// <summary>400: the input is wrong (field errors).</summary>
    Invalid = 1,
    /// <summary>404: no such partner, contact or follow-up in this tenant.</summary>
    NotFound,
    /// <summary>409: not allowed in the partner's current state, or the id already exists.</summary>
    Conflict,
    /// <summary>412: <c>If-Match</c> named a version the partner has moved on from.</summary>
    PreconditionFailed,
}

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

    public static Rejection IdTaken(string what, Guid id) =>
        Conflict($"{what} with id {id} already exists.", title: "The id already exists.");

    public static Rejection Invalid(string field, string message) =>
        new(RejectionKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Rejection StaleVersion(long expected, long actual) =>
        new(RejectionKind.PreconditionFailed,
            $"If-Match named version {expected}, but the partner is at version {actual}.",
            Extensions: new Dictionary<string, object?> { ["currentVersion"] = actual });

    /// <summary>409 naming the stage, e.g. "Cannot deliver a pitch while the partner is in stage 'prospect'".</summary>
    public static Rejection WrongStage(Stage stage, string action, IReadOnlyCollection<Stage> allowed) =>
        Conflict(
            $"Cannot {action} while the partner is in stage '{stage.ToWire()}'; allowed in: {string.Join(", ", allowed.Select(s => s.ToWire()))}.",
            new Dictionary<string, object?>
            {
                ["stage"] = stage.ToWire(),
                ["allowedStages"] = allowed.Select(s => s.ToWire()).ToArray(),
            });
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

/// <summary>The stage rules of docs/api.md's command table.</summary>
public static class StageRules
{
    public static readonly Stage[] NotLost = [Stage.Prospect, Stage.Contacted, Stage.Pitched, Stage.Piloting, Stage.Active, Stage.Paused];
    public static readonly Stage[] Any = [.. NotLost, Stage.Lost];

    /// <summary>A rejection when the partner's stage is not one of <paramref name="allowed"/>; otherwise null.</summary>
    public static Rejection? Require(Partner partner, string action, params Stage[] allowed) =>
        allowed.Contains(partner.Stage) ? null : Rejection.WrongStage(partner.Stage, action, allowed);
}
