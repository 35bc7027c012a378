using System.Text.Json.Serialization;
using Marten;
using PartnershipLifecycle.Partners;
using Wolverine.Marten;

namespace PartnershipLifecycle.Platform.Commands;

/// <summary>
/// A command on one partner's stream. The body of the HTTP request binds the derived record; the route's
/// partner id and the <c>If-Match</c> / <c>Idempotency-Key</c> headers are set by <see cref="PartnershipLifecycle.Platform.Http.CommandDispatch"/>
/// and never read from JSON.
/// </summary>
public abstract record PartnerCommand
{
    [JsonIgnore] public Guid PartnerId { get; init; }

    /// <summary>From <c>If-Match</c>: the version the client last saw; null applies to the latest.</summary>
    [JsonIgnore] public long? ExpectedVersion { get; init; }

    /// <summary>From <c>Idempotency-Key</c>.</summary>
    [JsonIgnore] public string? IdempotencyKey { get; init; }

    /// <summary>Adds to an accepted answer what the caller needs next, e.g. the id of a new contact.</summary>
    public virtual CommandOutcome Describe(CommandOutcome accepted) => accepted;
}

public static class PartnerCommandExtensions
{
    /// <summary>
    /// The common frame of every partner command handler around its pure decision: the partner must exist,
    /// <c>If-Match</c> must name its version, the accepted events' business dates may not contradict the partner's
    /// history (<see cref="BusinessDates"/>: 400 naming the field and the date it may not precede), and an accepted answer is remembered under its
    /// <c>Idempotency-Key</c> in the same transaction as the events (a second writer of the key fails).
    /// </summary>
    public static (CommandOutcome, Events) Conclude<TCommand>(
        this TCommand command,
        Partner? partner,
        Func<Partner, TCommand, Decision> decide,
        IDocumentSession session,
        TimeProvider clock)
        where TCommand : PartnerCommand
    {
        if (partner is null)
        {
            return (CommandOutcome.Rejected(command.PartnerId,
                Rejection.NotFound($"No partner {command.PartnerId} in this tenant.")), []);
        }

        if (command.ExpectedVersion is { } expected && expected != partner.Version)
        {
            return (CommandOutcome.Rejected(partner.Id, Rejection.StaleVersion(expected, partner.Version)), []);
        }

        var decision = decide(partner, command);
        if ((decision.Rejection ?? BusinessDates.Check(partner, decision.Events)) is { } rejection)
        {
            return (CommandOutcome.Rejected(partner.Id, rejection), []);
        }

        var outcome = command.Describe(new CommandOutcome(partner.Id, partner.Version + decision.Events.Count));
        command.RememberAnswer(outcome, session, clock);
        return (outcome, new Events(decision.Events));
    }

    public static void RememberAnswer(this PartnerCommand command, CommandOutcome outcome, IDocumentSession session, TimeProvider clock)
    {
        if (command.IdempotencyKey is { } key)
        {
            // Insert, not Store: a concurrent request with the same key then fails as a whole.
            session.Insert(new IdempotentAnswer(key, outcome, command.GetType().Name, clock.GetUtcNow()));
        }
    }
}
