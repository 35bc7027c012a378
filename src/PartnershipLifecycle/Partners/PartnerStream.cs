using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Communicating;
using PartnershipLifecycle.Partners.Engaging;
using PartnershipLifecycle.Partners.Evaluating;
using PartnershipLifecycle.Partners.FollowingUp;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.ManagingContacts;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;
using System.Text.Json.Serialization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Localization;

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

/// <summary>
/// The stage rules of docs/api.md's command table, in one place: which stages each partner command is allowed in. The
/// decisions refuse by it (<see cref="Require{TCommand}"/>) and the web app offers a command's form by it
/// (<see cref="Allows"/>), so a page never offers what the decision would refuse.
/// </summary>
public static class StageRules
{
    /// <summary>Every stage but <c>lost</c>: where most commands are allowed.</summary>
    public static readonly Stage[] NotLost = [Stage.Prospect, Stage.Contacted, Stage.Pitched, Stage.Piloting, Stage.Active, Stage.Paused];

    /// <summary>Every stage: a contact can leave whatever the partnership's state.</summary>
    public static readonly Stage[] Any = Enum.GetValues<Stage>();

    /// <summary>The stages each command of an existing partner is allowed in, by the command's type.</summary>
    public static readonly IReadOnlyDictionary<Type, Stage[]> AllowedIn = new Dictionary<Type, Stage[]>
    {
        [typeof(LogOutreach)] = NotLost,
        [typeof(LogCommunication)] = NotLost,
        [typeof(AddContact)] = NotLost,
        [typeof(ChangeContactRole)] = NotLost,
        [typeof(RecordContactDeparture)] = Any,
        [typeof(ScheduleFollowUp)] = NotLost,
        [typeof(CompleteFollowUp)] = NotLost,
        [typeof(DeliverPitch)] = [Stage.Contacted, Stage.Pitched],
        [typeof(RecordPitchOutcome)] = [Stage.Pitched],
        [typeof(StartPilot)] = [Stage.Pitched],
        [typeof(CompletePilot)] = [Stage.Piloting],
        [typeof(SignMou)] = [Stage.Pitched, Stage.Piloting],
        [typeof(AmendMou)] = [Stage.Active, Stage.Paused],
        [typeof(RenewMou)] = [Stage.Active, Stage.Paused],
        [typeof(RecordEngagement)] = [Stage.Active, Stage.Piloting],
        [typeof(RecordEvaluation)] = [Stage.Active, Stage.Paused],
        [typeof(PausePartnership)] = [Stage.Active],
        [typeof(ResumePartnership)] = [Stage.Paused],
        [typeof(MarkPartnershipLost)] = NotLost,
        [typeof(ReactivatePartnership)] = [Stage.Lost],
    };

    /// <summary>Whether a partner in <paramref name="stage"/> may take <paramref name="command"/> (a type of <see cref="AllowedIn"/>).</summary>
    /// <exception cref="ArgumentException">The type is no command of the table.</exception>
    public static bool Allows(Type command, Stage stage) =>
        AllowedIn.TryGetValue(command, out var allowed) ? allowed.Contains(stage)
            : throw new ArgumentException($"{command.Name} has no stage rule in StageRules.AllowedIn.", nameof(command));

    /// <summary>
    /// A 409 naming the stage when the partner's is not one <typeparamref name="TCommand"/> is allowed in; otherwise null.
    /// The command in words ("record an engagement") is the catalogue's <c>Action.{TCommand}</c> (<see cref="ApiText"/>).
    /// </summary>
    public static Rejection? Require<TCommand>(Partner partner) =>
        Allows(typeof(TCommand), partner.Stage) ? null
            : WrongStage(partner.Stage, ApiText.Format("Action." + typeof(TCommand).Name), AllowedIn[typeof(TCommand)]);

    /// <summary>409 with <c>stage</c> and <c>allowedStages</c>, e.g. "Cannot deliver a pitch while the partner is in stage 'prospect'".</summary>
    public static Rejection WrongStage(Stage stage, string action, IReadOnlyCollection<Stage> allowed) =>
        Rejection.Conflict(
            ApiText.Format("WrongStage", ("action", action), ("stage", stage.ToWire()), ("allowed", string.Join(", ", allowed.Select(s => s.ToWire())))),
            new Dictionary<string, object?>
            {
                ["stage"] = stage.ToWire(),
                ["allowedStages"] = allowed.Select(s => s.ToWire()).ToArray(),
            },
            ApiText.Format("Title.WrongStage"));
}
