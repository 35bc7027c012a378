using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.ManagingContacts;

/// <summary>A person at the partner organisation, with their part in the relationship.</summary>
/// <param name="ContactId">Names the contact in later events.</param>
/// <param name="Name">The person's name.</param>
/// <param name="Email">The person's email address.</param>
/// <param name="Role">Their part in the relationship.</param>
public sealed record ContactAdded(Guid ContactId, [NameText] string Name, [NameText] string? Email, ContactRole Role, DateOnly OccurredOn) : IPartnerEvent;

/// <summary>Adds a person at the partner organisation with their part in the relationship; the service gives them an id when the client sends none. Allowed in every stage but <c>lost</c>. <c>POST /api/partners/{id}/contacts</c>.</summary>
public sealed record AddContact(Guid? ContactId, string Name, ContactRole Role, DateOnly OccurredOn, string? Email = null) : IDescribesAcceptance
{
    public CommandAccepted Describe(CommandAccepted accepted) => accepted with { ContactId = ContactId };

    public sealed class Rules : AbstractValidator<AddContact>
    {
        public Rules()
        {
            RuleFor(x => x.ContactId).NotEqual(Guid.Empty).WithMessage(_ => ApiText.Format("Id.Empty", ("field", "contactId")));
            RuleFor(x => x.Name).RequiredName();
            RuleFor(x => x.Email).OptionalName().EmailAddress().WithMessage(_ => ApiText.Format("Contact.Email"));
            RuleFor(x => x.Role).Known();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class AddContactEndpoint
{
    /// <summary>The service names the new item when the client did not.</summary>
    public static AddContact Before(AddContact command) => command with { ContactId = command.ContactId ?? Guid.CreateVersion7() };

    [WolverinePost("/api/partners/{id}/contacts"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, AddContact command)
    {
        var contactId = command.ContactId ?? throw new ArgumentException("The endpoint assigns the contact id.", nameof(command));
        return StageRules.Require<AddContact>(partner)
            ?? (partner.FindContact(contactId) is not null ? Rejection.IdTaken("What.AContact", contactId) : null)
            ?? Decision.Accept(new ContactAdded(contactId, command.Name.Trim(), command.Email?.Trim(), command.Role, command.OccurredOn));
    }
}
