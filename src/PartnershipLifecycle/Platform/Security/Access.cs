using PartnershipLifecycle.Platform.Validation;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace PartnershipLifecycle.Platform.Security;

/// <summary>The roles of docs/api.md, as they appear in the token's <c>role</c> claim.</summary>
public static class Roles
{
    public const string Coordinator = "coordinator";
    public const string Analyst = "analyst";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly string[] All = [Coordinator, Analyst, Auditor, Admin];
}

/// <summary>The claims a token carries (docs/api.md, "Authentication and tenancy").</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Tenant = "tenant_id";
    public const string Role = "role";
}

/// <summary>Authorization policies, one per kind of access in docs/api.md.</summary>
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

    /// <summary><c>/api/admin/audit</c>, the administration audit trail: auditor or admin.</summary>
    public const string Audit = "audit";

    public static void AddPartnershipPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(Read, Member(Roles.All));
        options.AddPolicy(Coordinate, Member(Roles.Coordinator, Roles.Admin));
        options.AddPolicy(Analyse, Member(Roles.Analyst, Roles.Admin));
        options.AddPolicy(Administer, Member(Roles.Admin));
        options.AddPolicy(Audit, Member(Roles.Auditor, Roles.Admin));

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
    /// <summary>The longest tenant id, in characters.</summary>
    public const int TenantIdMaxLength = 64;

    /// <summary>The longest <c>sub</c>, in characters.</summary>
    public const int SubjectMaxLength = 200;

    /// <summary>
    /// A tenant id: 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit. Rules out
    /// Marten's reserved default tenant (<c>*DEFAULT*</c>), spaces and control characters.
    /// </summary>
    public static readonly System.Text.RegularExpressions.Regex TenantIdPattern =
        new("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Why a validated token is still unacceptable, or null: it must carry exactly one <c>sub</c> (1 to 200
    /// characters, no control characters) and at most one <c>tenant_id</c> matching <see cref="TenantIdPattern"/>.
    /// A token with no tenant id at all is left to the policies (403: "names no institution").
    /// </summary>
    public static string? Refusal(ClaimsPrincipal user)
    {
        var subjects = user.FindAll(ClaimNames.Subject).Select(c => c.Value).ToArray();
        if (subjects.Length != 1)
        {
            return $"The token must carry exactly one 'sub' claim, not {subjects.Length}.";
        }

        // A name shown beside every event it recorded: no control characters, and no direction controls, which would
        // reorder the page around it (UTS #55), as for every name (TextRules).
        if (subjects[0].Length is 0 or > SubjectMaxLength || TextRules.Problem(subjects[0], TextKind.Name) is not null)
        {
            return $"The 'sub' claim must be 1 to {SubjectMaxLength} characters without control characters or text-direction controls.";
        }

        var tenants = user.FindAll(ClaimNames.Tenant).Select(c => c.Value).ToArray();
        if (tenants.Length > 1)
        {
            return $"The token must carry exactly one 'tenant_id' claim, not {tenants.Length}.";
        }

        if (tenants.Length == 1 && tenants[0].Length > 0 && !TenantIdPattern.IsMatch(tenants[0]))
        {
            return $"The 'tenant_id' claim must be 1 to {TenantIdMaxLength} ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.";
        }

        return null;
    }

    /// <summary>Whether the caller's token names an institution (a non-empty tenant_id claim).</summary>
    public static bool HasTenant(this ClaimsPrincipal user) => !string.IsNullOrWhiteSpace(user.FindFirstValue(ClaimNames.Tenant));

    /// <summary>The institution the caller acts for. The policies guarantee the claim on every /api route.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Tenant) ?? throw new InvalidOperationException("The caller has no tenant_id claim.");

    /// <summary>The actor recorded on events.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Subject) ?? throw new InvalidOperationException("The caller has no sub claim.");
}
