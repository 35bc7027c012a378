using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Api.Security;

/// <summary>
/// <c>RateLimits:</c> settings (OWASP API4): per caller (tenant and <c>sub</c>), a fixed window of one minute.
/// Commands (POST, PUT, PATCH, DELETE under <c>/api</c>) and every <c>/api/admin</c> route have limits of their own;
/// reads, health and the OpenAPI document are not limited.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Off only where a test or a benchmark must not be limited.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Commands one caller may send per minute.</summary>
    public int CommandsPerMinute { get; set; } = 120;

    /// <summary>Requests to <c>/api/admin</c> (and imports) one caller may send per minute.</summary>
    public int AdminPerMinute { get; set; } = 30;
}

public static class RateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddPartnershipRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        if (settings.CommandsPerMinute < 1 || settings.AdminPerMinute < 1)
        {
            throw new InvalidOperationException("RateLimits:CommandsPerMinute and RateLimits:AdminPerMinute must be at least 1.");
        }

        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var kind = settings.Enabled ? KindOf(http.Request) : null;
                if (kind is null)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var limit = kind == "admin" ? settings.AdminPerMinute : settings.CommandsPerMinute;
                // Authentication has run: an anonymous caller is refused by authorization before here.
                var caller = $"{kind}|{http.User.FindFirst(ClaimNames.Tenant)?.Value}|{http.User.FindFirst(ClaimNames.Subject)?.Value}";
                return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = ApiText.Format("Title.TooManyRequests"),
                        Detail = ApiText.Format("RateLimited", ("seconds", seconds)),
                    },
                });
            };
        });
        return services;
    }

    /// <summary>"admin", "command" or null (not limited).</summary>
    public static string? KindOf(HttpRequest request)
    {
        if (request.Path.StartsWithSegments("/api/admin"))
        {
            return "admin";
        }

        return request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method)
            ? "command"
            : null;
    }
}
