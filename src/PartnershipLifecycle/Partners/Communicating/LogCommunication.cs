using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;

namespace PartnershipLifecycle.Partners.Communicating;

/// <summary>A programme update, meeting or newsletter ("systematic and regular programme communication", seed 001).</summary>
/// <param name="Direction">Whether the institution reached out (<c>outbound</c>) or the partner did (<c>inbound</c>).</param>
/// <param name="Summary">What was said or sent.</param>
public sealed record CommunicationLogged(CommunicationChannel Channel, CommunicationDirection Direction, [FreeText] string Summary, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Records a communication with the partner (channel, direction, summary): an interaction for engagement health. Allowed in every stage but <c>lost</c>. <c>POST /api/partners/{id}/communications</c>.</summary>
public sealed record LogCommunication(CommunicationChannel Channel, CommunicationDirection Direction, string Summary, DateOnly OccurredOn)
{
    public sealed class Rules : AbstractValidator<LogCommunication>
    {
        public Rules()
        {
            RuleFor(x => x.Channel).Known();
            RuleFor(x => x.Direction).Known();
            RuleFor(x => x.Summary).RequiredText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class LogCommunicationEndpoint
{
    [WolverinePost("/api/partners/{id}/communications"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, LogCommunication command) =>
        StageRules.Require<LogCommunication>(partner)
        ?? Decision.Accept(new CommunicationLogged(command.Channel, command.Direction, command.Summary, command.OccurredOn));
}
