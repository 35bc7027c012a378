using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Partners.Losing;

/// <summary>The partnership ended, with a reason and the stage it was lost from.</summary>
/// <param name="Reason">Why the partnership ended.</param>
/// <param name="Note">The coordinator's note.</param>
/// <param name="FromStage">The stage the partner was in when it was lost.</param>
public sealed record PartnershipLost(LossReason Reason, [FreeText] string? Note, DateOnly OccurredOn, Stage FromStage) : IPartnerEvent;

/// <summary>Marks the partnership lost, with the reason. Allowed in every stage but <c>lost</c>. <c>POST /api/partners/{id}/lost</c>.</summary>
public sealed record MarkPartnershipLost(LossReason Reason, DateOnly OccurredOn, string? Note = null)
{
    public sealed class Rules : AbstractValidator<MarkPartnershipLost>
    {
        public Rules()
        {
            RuleFor(x => x.Reason).Known();
            RuleFor(x => x.Note).OptionalText();
            RuleFor(x => x.OccurredOn).PastDate();
        }
    }
}

public static class MarkPartnershipLostEndpoint
{
    /// <summary>
    /// Refuses a stage that is already lost (409), and a reason the partner's story cannot bear out (400 naming
    /// <c>reason</c>): <c>mou_expired</c> without an MOU in force, <c>declined_pitch</c> without a pitch since the
    /// partner was identified or won back. Both reasons feed the funnel's and channels' loss analytics, which count
    /// them as losses after an MOU and after a pitch.
    /// </summary>
    [WolverinePost("/api/partners/{id}/lost"), Authorize(Policy = Policies.Coordinate)]
    public static Decision Decide(Partner partner, MarkPartnershipLost command) =>
        StageRules.Require<MarkPartnershipLost>(partner)
        ?? (Unsupported(command.Reason, mouInForce: partner.ActiveMou is not null, pitched: partner.LatestPitch is not null) is { } why
            ? Rejection.Invalid("reason", why)
            : Decision.Accept(new PartnershipLost(command.Reason, command.Note, command.OccurredOn, partner.Stage)));

    /// <summary>
    /// Why a partner's story cannot bear out <paramref name="reason"/>, or null when it can (the web app offers only
    /// those): <paramref name="mouInForce"/>, an MOU in force; <paramref name="pitched"/>, a pitch since the partner
    /// was identified or won back.
    /// </summary>
    public static string? Unsupported(LossReason reason, bool mouInForce, bool pitched) => reason switch
    {
        LossReason.MouExpired when !mouInForce => ApiText.Format("Lost.MouExpiredWithoutMou"),
        LossReason.DeclinedPitch when !pitched => ApiText.Format("Lost.DeclinedWithoutPitch"),
        _ => null,
    };
}
