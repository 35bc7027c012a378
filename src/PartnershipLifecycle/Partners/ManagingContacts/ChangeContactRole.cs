using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace PartnershipLifecycle.Partners.ManagingContacts;

/// <summary>A contact's part in the relationship changed, e.g. a mentor became the champion.</summary>
/// <param name="ContactId">The contact of <c>contact_added</c>.</param>
/// <param name="Role">Their part from now on.</param>
/// <param name="PreviousRole">Their part until now.</param>
public sealed record ContactRoleChanged(Guid ContactId, ContactRole Role, ContactRole PreviousRole, DateOnly OccurredOn) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/contacts/{contactId}/role</c></summary>
public sealed record ChangeContactRole(ContactRole Role, DateOnly OccurredOn) : PartnerCommand
{
    /// <summary>From the route.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public Guid ContactId { get; init; }

    public sealed class Rules : AbstractValidator<ChangeContactRole>
    {
        public Rules()
        {
            RuleFor(x => x.Role).Known();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class ChangeContactRoleEndpoint
{
    private static readonly ChangeContactRole.Rules Rules = new();

    public static ProblemDetails Validate(ChangeContactRole command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/partners/{id}/contacts/{contactId}/role"), Authorize(Policy = Policies.Coordinate)]
    public static Task<IResult> Post(Guid id, Guid contactId, ChangeContactRole command, HttpContext http, IMessageBus bus) =>
        CommandDispatch.Send(http, bus, id, command with { ContactId = contactId });
}

public static class ChangeContactRoleHandler
{
    public static Decision Decide(Partner partner, ChangeContactRole command)
    {
        if (StageRules.Require(partner, "change a contact's role", StageRules.NotLost) is { } wrongStage)
        {
            return wrongStage;
        }

        return partner.FindContact(command.ContactId) switch
        {
            null => Rejection.NotFound($"Partner {partner.Id} has no contact {command.ContactId}."),
            { Status: ContactStatus.Departed } contact => Rejection.Conflict($"{contact.Name} has departed; a departed contact's role cannot change."),
            { Role: var role } contact when role == command.Role => Rejection.Conflict($"{contact.Name} already has that role."),
            var contact => Decision.Accept(new ContactRoleChanged(contact.ContactId, command.Role, contact.Role, command.OccurredOn)),
        };
    }

    public static (CommandOutcome, Events) Handle(
        ChangeContactRole command, [WriteAggregate(Required = false)] Partner? partner, IDocumentSession session, TimeProvider clock) =>
        command.Conclude(partner, Decide, session, clock);
}
