using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace PartnershipLifecycle.Platform.Security;

/// <summary>The roles of API.md, as they appear in the token's <c>role</c> claim.</summary>
public static class Roles
{
    public const string Coordinator = "coordinator";
    public const string Analyst = "analyst";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly string[] All = [Coordinator, Analyst, Auditor, Admin];
}

/// <summary>The claims a token carries (API.md, "Authentication and tenancy").</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Tenant = "tenant_id";
    public const string Role = "role";
}

/// <summary>Authorization policies, one per kind of access in API.md.</summary>
public static class Policies
{
    /// <summary>Any role may read partners, history, story, state-as-of, alerts and health.</summary>
    public const string Read = "read";

    /// <summary>Commands and acknowledging alerts: coordinator or admin.</summary>
    public const string Coordinate = "coordinate";

    /// <summary><c>/api/analytics</c>: analyst or admin.</summary>
    public const string Analyse = "analyse";

    /// <summary><c>/api/admin</c>: admin only.</summary>
    public const string Administer = "administer";

    public static void AddPartnershipPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(Read, Member(Roles.All));
        options.AddPolicy(Coordinate, Member(Roles.Coordinator, Roles.Admin));
        options.AddPolicy(Analyse, Member(Roles.Analyst, Roles.Admin));
        options.AddPolicy(Administer, Member(Roles.Admin));

        // Anything not marked otherwise still needs a signed-in member of a tenant.
        options.FallbackPolicy = Member(Roles.All);
    }

    private static AuthorizationPolicy Member(params string[] roles) => new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .RequireAssertion(context => HasValue(context.User, ClaimNames.Tenant) && HasValue(context.User, ClaimNames.Subject))
        .RequireRole(roles)
        .Build();

    private static bool HasValue(ClaimsPrincipal user, string claim) => !string.IsNullOrWhiteSpace(user.FindFirstValue(claim));
}

public static class CallerClaims
{
    /// <summary>Whether the caller's token names an institution (a non-empty tenant_id claim).</summary>
    public static bool HasTenant(this ClaimsPrincipal user) => !string.IsNullOrWhiteSpace(user.FindFirstValue(ClaimNames.Tenant));

    /// <summary>The institution the caller acts for. The policies guarantee the claim on every /api route.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Tenant) ?? throw new InvalidOperationException("The caller has no tenant_id claim.");

    /// <summary>The actor recorded on events.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Subject) ?? throw new InvalidOperationException("The caller has no sub claim.");
}
