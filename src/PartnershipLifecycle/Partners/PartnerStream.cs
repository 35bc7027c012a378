using System.Text.Json.Serialization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Json;

namespace PartnershipLifecycle.Partners;

/// <summary>
/// The body of a partner command's 200 (or 201 for a new partner): the partner's id and its stream's new version (also
/// the <c>ETag</c>), and the id of the contact or follow-up the command created, when it created one.
/// </summary>
public sealed record CommandAccepted(
    Guid PartnerId,
    long Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ContactId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? FollowUpId = null);

/// <summary>A partner command whose acceptance tells the client more than the new version, e.g. the id it gave a new contact.</summary>
public interface IDescribesAcceptance
{
    CommandAccepted Describe(CommandAccepted accepted);
}

/// <summary>
/// What the command pipeline (<c>Platform/Http/StreamCommand</c>) needs to know of a partner's stream: its name in
/// answers, its resource path, the rule every command's events must keep (<see cref="BusinessDates"/>) and the body
/// of an acceptance.
/// </summary>
public sealed class PartnerStream : IStreamRules<Partner>
{
    public string Name => "partner";

    public string PathOf(Guid id) => $"/api/partners/{id}";

    public Rejection? Admit(Partner partner, IReadOnlyList<object> events) => BusinessDates.Check(partner, events);

    public object Accepted(Guid id, long version, object? command)
    {
        var accepted = new CommandAccepted(id, version);
        return command is IDescribesAcceptance describes ? describes.Describe(accepted) : accepted;
    }
}

/// <summary>The stage rules of docs/api.md's command table.</summary>
public static class StageRules
{
    /// <summary>Every stage but <c>lost</c>: where most commands are allowed.</summary>
    public static readonly Stage[] NotLost = [Stage.Prospect, Stage.Contacted, Stage.Pitched, Stage.Piloting, Stage.Active, Stage.Paused];

    /// <summary>A 409 naming the stage when the partner's is not one of <paramref name="allowed"/>; otherwise null.</summary>
    public static Rejection? Require(Partner partner, string action, params Stage[] allowed) =>
        allowed.Contains(partner.Stage) ? null : WrongStage(partner.Stage, action, allowed);

    /// <summary>409 with <c>stage</c> and <c>allowedStages</c>, e.g. "Cannot deliver a pitch while the partner is in stage 'prospect'".</summary>
    public static Rejection WrongStage(Stage stage, string action, IReadOnlyCollection<Stage> allowed) =>
        Rejection.Conflict(
            $"Cannot {action} while the partner is in stage '{stage.ToWire()}'; allowed in: {string.Join(", ", allowed.Select(s => s.ToWire()))}.",
            new Dictionary<string, object?>
            {
                ["stage"] = stage.ToWire(),
                ["allowedStages"] = allowed.Select(s => s.ToWire()).ToArray(),
            },
            "Not allowed in the partner's current state.");
}
