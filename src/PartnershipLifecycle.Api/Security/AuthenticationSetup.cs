using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Api.Security;

/// <summary>
/// <c>Auth:</c> settings. <see cref="SigningKey"/> (HS256, at least 32 bytes) is for development and tests;
/// <see cref="Authority"/> names an OIDC issuer for production.
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";
    public const string DefaultName = "partnership-lifecycle";

    public string? SigningKey { get; set; }
    public string? Authority { get; set; }
    public string Issuer { get; set; } = DefaultName;
    public string Audience { get; set; } = DefaultName;

    public static AuthSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuthSettings>() ?? new AuthSettings();

    public SymmetricSecurityKey SymmetricKey()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey ?? "");
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (HS256).");
        }

        return new SymmetricSecurityKey(bytes);
    }
}

public static class AuthenticationSetup
{
    public static IServiceCollection AddPartnershipAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = AuthSettings.From(configuration);
        if (string.IsNullOrWhiteSpace(settings.SigningKey) && string.IsNullOrWhiteSpace(settings.Authority))
        {
            throw new InvalidOperationException(
                "Set Auth:SigningKey (HS256, at least 32 bytes; development and tests) or Auth:Authority (an OIDC issuer).");
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                NameClaimType = ClaimNames.Subject,
                RoleClaimType = ClaimNames.Role,
                ClockSkew = TimeSpan.FromMinutes(1),
            };

            if (!string.IsNullOrWhiteSpace(settings.Authority))
            {
                options.Authority = settings.Authority;
            }
            else
            {
                options.TokenValidationParameters.IssuerSigningKey = settings.SymmetricKey();
                options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }

            options.Events = new JwtBearerEvents
            {
                // Signature, issuer, audience and lifetime are checked by then; the claims' shape is ours to check.
                OnTokenValidated = context =>
                {
                    if (CallerClaims.Refusal(context.Principal!) is { } refusal)
                    {
                        context.Fail(refusal);
                    }

                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await WriteProblem(context.HttpContext, StatusCodes.Status401Unauthorized, ApiText.Format("Title.NotAuthenticated"),
                        context.AuthenticateFailure is null
                            ? ApiText.Format("Auth.SendBearer")
                            // The handler leaves ErrorDescription empty for failures of its events (our claim checks).
                            : ApiText.Format("Auth.InvalidToken") + Printable(string.IsNullOrEmpty(context.ErrorDescription)
                                ? context.AuthenticateFailure.Message
                                : context.ErrorDescription));
                },
                OnForbidden = async context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await WriteProblem(context.HttpContext, StatusCodes.Status403Forbidden, ApiText.Format("Title.Forbidden"), DescribeRefusal(context.HttpContext.User));
                },
            };
        });

        services.AddAuthorization(options => options.AddPartnershipPolicies());
        return services;
    }

    private static string DescribeRefusal(ClaimsPrincipal user)
    {
        if (!user.HasTenant())
        {
            return ApiText.Format("Auth.NoTenant");
        }

        var roles = user.FindAll(ClaimNames.Role).Select(c => c.Value).ToArray();
        return roles.Length == 0
            ? ApiText.Format("Auth.NoRole")
            : roles.Length > 1 ? ApiText.Format("Auth.RolesMayNot", ("roles", string.Join(", ", roles)))
            : ApiText.Format("Auth.RoleMayNot", ("roles", roles[0]));
    }

    // An answer quotes no control character a token smuggled in.
    private static string Printable(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);

    private static Task WriteProblem(HttpContext http, int status, string title, string detail) =>
        http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
}

/// <summary>Mints HS256 tokens with <c>Auth:SigningKey</c>, for development and tests only.</summary>
public static class DevelopmentTokens
{
    public static string Create(AuthSettings settings, string tenant, IEnumerable<string> roles, string subject, TimeSpan lifetime, TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [ClaimNames.Subject] = subject,
            [ClaimNames.Tenant] = tenant,
            [ClaimNames.Role] = roles.ToArray(),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(settings.SymmetricKey(), SecurityAlgorithms.HmacSha256),
        });
    }
}
