using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.ManagingContacts;

/// <summary>
/// A person left the partner organisation (turnover). They keep their history here; <c>MovedTo</c> names
/// the organisation they joined, a warm lead. <c>Role</c> is the part they had when they left.
/// </summary>
/// <param name="ContactId">The contact of <c>contact_added</c>.</param>
/// <param name="Role">The part they had when they left.</param>
/// <param name="Note">The coordinator's note.</param>
/// <param name="MovedTo">The organisation they joined, when known: a warm lead.</param>
public sealed record ContactDeparted(Guid ContactId, ContactRole Role, DateOnly OccurredOn, [FreeText] string? Note, [NameText] string? MovedTo) : IPartnerEvent;

/// <summary><c>POST /api/partners/{id}/contacts/{contactId}/departed</c>; allowed in any stage.</summary>
public sealed record RecordContactDeparture(DateOnly OccurredOn, string? Note = null, string? MovedTo = null)
{
    public sealed class Rules : AbstractValidator<RecordContactDeparture>
    {
        public Rules()
        {
            RuleFor(x => x.OccurredOn).PastDate();
            RuleFor(x => x.Note).OptionalText();
            RuleFor(x => x.MovedTo).OptionalName();
        }
    }
}

public static class RecordContactDepartureEndpoint
{
    [WolverinePost("/api/partners/{id}/contacts/{contactId}/departed"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, RecordContactDeparture command, Guid contactId) =>
        partner.FindContact(contactId) switch
        {
            null => Rejection.NotFound(ApiText.Format("NotFound.Contact", ("partner", partner.Id), ("id", contactId))),
            { Status: ContactStatus.Departed, DepartedOn: var on } contact =>
                Rejection.Conflict(ApiText.Format("Contact.AlreadyDeparted", ("name", contact.Name), ("date", on is { } day ? ApiText.Day(day) : ""))),
            var contact => Decision.Accept(new ContactDeparted(contact.ContactId, contact.Role, command.OccurredOn,
                command.Note, string.IsNullOrWhiteSpace(command.MovedTo) ? null : command.MovedTo.Trim())),
        };
}
