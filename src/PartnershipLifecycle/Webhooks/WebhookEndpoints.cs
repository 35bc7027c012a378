using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PartnershipLifecycle.Administration;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.Platform.Http;
using PartnershipLifecycle.Platform.Queries;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using Wolverine.Http;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Webhooks;

/// <summary><c>POST /api/admin/webhooks</c></summary>
public sealed record RegisterWebhook(string Url, IReadOnlyList<string> Events, string Secret)
{
    public sealed class Rules : AbstractValidator<RegisterWebhook>
    {
        public Rules()
        {
            // Stop at the first failure: the address rule reads the text the earlier rules vouch for.
            RuleFor(x => x.Url).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(_ => ApiText.Format("Field.RequiredNamed", ("field", "url")))
                .MaximumLength(2000).WithMessage(_ => ApiText.Format("Text.TooLongNamed", ("field", "url"), ("max", 2000)))
                .Must(url => WebhookAddresses.Refusal(url, allowPrivateNetworks: true) is null)
                .WithMessage((_, url) => WebhookAddresses.Refusal(url, allowPrivateNetworks: true)); // ApiText, in WebhookAddresses
            RuleFor(x => x.Events).NotEmpty().WithMessage(_ => ApiText.Format("Webhook.NoEvents", ("values", string.Join(", ", IntegrationEventTypes.All))));
            RuleForEach(x => x.Events).Must(e => IntegrationEventTypes.All.Contains(e))
                .WithMessage(_ => ApiText.Format("Webhook.UnknownEvent", ("values", string.Join(", ", IntegrationEventTypes.All))));
            RuleFor(x => x.Secret).NotEmpty().WithMessage(_ => ApiText.Format("Field.RequiredNamed", ("field", "secret")))
                .Length(16, 200).WithMessage(_ => ApiText.Format("Webhook.SecretLength", ("min", 16), ("max", 200)));
        }
    }
}

/// <summary><c>POST /api/admin/webhooks/{id}/secret</c>: the new signing secret (16 to 200 characters).</summary>
public sealed record RotateWebhookSecret(string Secret)
{
    public sealed class Rules : AbstractValidator<RotateWebhookSecret>
    {
        public Rules()
        {
            RuleFor(x => x.Secret).NotEmpty().WithMessage(_ => ApiText.Format("Field.RequiredNamed", ("field", "secret")))
                .Length(16, 200).WithMessage(_ => ApiText.Format("Webhook.SecretLength", ("min", 16), ("max", 200)));
        }
    }
}

/// <summary>The answer to a rotation: until when (UTC) deliveries also carry the previous secret's signature.</summary>
public sealed record SecretRotated(Guid Id, DateTimeOffset PreviousSecretUntil);

/// <summary>A webhook as the API shows it: never its secret.</summary>
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static WebhookView Of(WebhookSubscription s) => new(s.Id, s.Url, s.Events, s.CreatedAt, s.CreatedBy);
}

public sealed record DeliveryView(
    Guid Id,
    Guid EventId,
    string EventType,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<DeliveryAttempt> AttemptLog)
{
    public static DeliveryView Of(WebhookDelivery d) => new(d.Id, d.EventId, d.EventType, d.Status, d.Attempts.Length,
        d.Attempts.LastOrDefault()?.At, d.Attempts.LastOrDefault()?.StatusCode, d.Attempts.LastOrDefault()?.Error, d.DeliveredAt, d.Attempts);
}

/// <summary>Registers a webhook of the caller's institution.</summary>
public static class RegisterWebhookEndpoint
{
    private static readonly RegisterWebhook.Rules Rules = new();

    /// <summary>The field rules, then the address rule of <see cref="WebhookAddresses.Refusal"/> with <c>Webhooks:AllowPrivateNetworks</c>.</summary>
    public static ProblemDetails Validate(RegisterWebhook command, InstitutionCalendar calendar, HttpContext http, IOptions<WebhookSettings> settings)
    {
        var problem = Validation.Check(command, Rules, calendar, http);
        if (!ReferenceEquals(problem, Wolverine.Http.WolverineContinue.NoProblems))
        {
            return problem;
        }

        return WebhookAddresses.Refusal(command.Url, settings.Value.AllowPrivateNetworks) is { } refusal
            ? Validation.Problem(new Dictionary<string, string[]> { ["url"] = [refusal] })
            : problem;
    }

    [WolverinePost("/api/admin/webhooks"), Authorize(Policy = Policies.Administer)]
    [ProducesResponseType<WebhookView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static IResult Register(RegisterWebhook command, IDocumentSession session, HttpContext http, TimeProvider clock, WebhookSecrets secrets)
    {
        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription(Guid.CreateVersion7(), command.Url.Trim(), [.. command.Events.Distinct()], now, http.User.Actor())
        {
            ProtectedSecret = secrets.Protect(session.TenantId, command.Secret),
        };
        session.Store(subscription); // committed by Wolverine's transactional middleware before the answer
        session.Record(new WebhookRegistered(subscription.Id, subscription.Url, subscription.Events, subscription.CreatedBy, now));
        return Results.Created($"/api/admin/webhooks/{subscription.Id}", WebhookView.Of(subscription));
    }
}

/// <summary>
/// Replaces a webhook's signing secret. For <c>Webhooks:SecretGracePeriod</c> after, each delivery carries both
/// signatures (<c>X-Signature: sha256=&lt;new&gt;, sha256=&lt;previous&gt;</c>) so receivers can switch without losing any.
/// </summary>
public static class RotateWebhookSecretEndpoint
{
    private static readonly RotateWebhookSecret.Rules Rules = new();

    public static ProblemDetails Validate(RotateWebhookSecret command, InstitutionCalendar calendar, HttpContext http) => Validation.Check(command, Rules, calendar, http);

    [WolverinePost("/api/admin/webhooks/{id}/secret"), Authorize(Policy = Policies.Administer)]
    [ProducesResponseType<SecretRotated>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Rotate(Guid id, RotateWebhookSecret command, IDocumentSession session, HttpContext http, TimeProvider clock,
        WebhookSecrets secrets, IOptions<WebhookSettings> settings, CancellationToken ct)
    {
        if (await session.LoadAsync<WebhookSubscription>(id, ct) is not { } subscription)
        {
            return ApiResults.NotFound(ApiText.Format("NotFound.Webhook", ("id", id)));
        }

        var now = clock.GetUtcNow();
        var until = now + settings.Value.SecretGracePeriod;
        var previous = subscription.ProtectedSecret ?? (subscription.Secret is { } plain ? secrets.Protect(session.TenantId, plain) : null);
        session.Store(subscription with
        {
            ProtectedSecret = secrets.Protect(session.TenantId, command.Secret),
            PreviousProtectedSecret = previous,
            PreviousSecretUntil = until,
            Secret = null,
        });
        session.Record(new WebhookSecretRotated(id, until, http.User.Actor(), now));
        return Results.Ok(new SecretRotated(id, until));
    }
}

/// <summary>Webhooks are administered per institution by its admins.</summary>
public static class WebhookEndpoints
{
    /// <summary><c>GET /api/admin/webhooks</c>: one page of the institution's webhooks, oldest first (ties by id).</summary>
    /// <param name="page">1 to 2147483647; a page past the end is empty, with the true <c>total</c>.</param>
    /// <param name="pageSize">1 to 200 (default 20).</param>
    [WolverineGet("/api/admin/webhooks"), Authorize(Policy = Policies.Administer)]
    [ProducesResponseType<Paged<WebhookView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> List(string? page, string? pageSize, IQuerySession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!QueryParameters.TryParsePage(page, pageSize, errors, out var paging))
        {
            return ApiResults.Invalid(errors);
        }

        // Sorted on the computed index (createdAt, id) of the feature's Configuration.
        return Results.Ok(await session.Query<WebhookSubscription>().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToPagedAsync(paging, WebhookView.Of, ct));
    }

    [WolverineDelete("/api/admin/webhooks/{id}"), Authorize(Policy = Policies.Administer)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Delete(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<WebhookSubscription>(id, ct) is not { } subscription)
        {
            return ApiResults.NotFound(ApiText.Format("NotFound.Webhook", ("id", id)));
        }

        session.Delete<WebhookSubscription>(id);
        session.Record(new WebhookDeleted(id, subscription.Url, http.User.Actor(), clock.GetUtcNow()));
        return Results.NoContent();
    }

    /// <summary>
    /// <c>GET /api/admin/webhooks/{id}/deliveries</c>: one page of the webhook's deliveries, newest first (ties by id,
    /// also descending); 404 when the institution has no such webhook.
    /// </summary>
    /// <param name="page">1 to 2147483647; a page past the end is empty, with the true <c>total</c>.</param>
    /// <param name="pageSize">1 to 200 (default 20).</param>
    [WolverineGet("/api/admin/webhooks/{id}/deliveries"), Authorize(Policy = Policies.Administer)]
    [ProducesResponseType<Paged<DeliveryView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Deliveries(Guid id, string? page, string? pageSize, IQuerySession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!QueryParameters.TryParsePage(page, pageSize, errors, out var paging))
        {
            return ApiResults.Invalid(errors);
        }

        if (await session.LoadAsync<WebhookSubscription>(id, ct) is null)
        {
            return ApiResults.NotFound(ApiText.Format("NotFound.Webhook", ("id", id)));
        }

        // On the computed index (subscriptionId, createdAt, id) of the feature's Configuration, read backwards.
        return Results.Ok(await session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .ToPagedAsync(paging, DeliveryView.Of, ct));
    }
}
