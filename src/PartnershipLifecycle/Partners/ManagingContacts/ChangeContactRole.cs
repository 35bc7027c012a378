using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.ManagingContacts;

/// <summary>A contact's part in the relationship changed, e.g. a mentor became the champion.</summary>
/// <param name="ContactId">The contact of <c>contact_added</c>.</param>
/// <param name="Role">Their part from now on.</param>
/// <param name="PreviousRole">Their part until now.</param>
public sealed record ContactRoleChanged(Guid ContactId, ContactRole Role, ContactRole PreviousRole, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Changes a contact's part in the relationship (e.g. to champion). Allowed in every stage but <c>lost</c>; 404 for an unknown contact, 409 for a departed contact or the same role. <c>POST /api/partners/{id}/contacts/{contactId}/role</c>.</summary>
public sealed record ChangeContactRole(ContactRole Role, DateOnly OccurredOn)
{
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
    [WolverinePost("/api/partners/{id}/contacts/{contactId}/role"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, ChangeContactRole command, Guid contactId)
    {
        if (StageRules.Require<ChangeContactRole>(partner) is { } wrongStage)
        {
            return wrongStage;
        }

        return partner.FindContact(contactId) switch
        {
            null => Rejection.NotFound(ApiText.Format("NotFound.Contact", ("partner", partner.Id), ("id", contactId))),
            { Status: ContactStatus.Departed } contact => Rejection.Conflict(ApiText.Format("Contact.DepartedRole", ("name", contact.Name))),
            { Role: var role } contact when role == command.Role => Rejection.Conflict(ApiText.Format("Contact.SameRole", ("name", contact.Name))),
            var contact => Decision.Accept(new ContactRoleChanged(contact.ContactId, command.Role, contact.Role, command.OccurredOn)),
        };
    }
}
