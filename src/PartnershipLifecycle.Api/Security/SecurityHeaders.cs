namespace PartnershipLifecycle.Api.Security;

/// <summary>
/// Headers on every answer, whoever writes it (OWASP API8): no content sniffing, a Content-Security-Policy that
/// lets pages load only from this origin and never be framed, no referrer, no framing. Kestrel's <c>Server</c>
/// header is switched off in Program.cs.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(http);
    }
}

/// <summary><c>Cors:AllowedOrigins</c>: browser origins allowed to call the API. Empty (the default): CORS is closed.</summary>
public static class CorsSetup
{
    public const string Section = "Cors";
    public const string PolicyName = "configured-origins";

    public static string[] AllowedOrigins(IConfiguration configuration) =>
        configuration.GetSection(Section + ":AllowedOrigins").Get<string[]>() ?? [];

    public static IServiceCollection AddPartnershipCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        if (origins.Length > 0)
        {
            services.AddCors(o => o.AddPolicy(PolicyName, p => p.WithOrigins(origins).AllowAnyMethod()
                .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Correlation-Id")
                .WithExposedHeaders("ETag", "Location", "Retry-After", "X-Correlation-Id")));
        }

        return services;
    }

    public static IApplicationBuilder UsePartnershipCors(this IApplicationBuilder app, IConfiguration configuration) =>
        AllowedOrigins(configuration).Length > 0 ? app.UseCors(PolicyName) : app;
}
