using PartnershipLifecycle.Platform.Telemetry;
using PartnershipLifecycle.Platform.Hosting;
using PartnershipLifecycle.Api.App;
using PartnershipLifecycle.Api.Security;
using PartnershipLifecycle.Automation;
using PartnershipLifecycle.EngagementHealth;
using PartnershipLifecycle.Platform.Time;
using PartnershipLifecycle.Platform.Validation;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Webhooks;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// Every setting the service reads, by configuration key; as an environment variable each ':' is '__'
/// (<c>ConnectionStrings__Marten</c>). README.md's configuration table documents each one, and
/// docker/compose.yaml sets no other: tests check both, so add a key here when code starts reading it.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>PostgreSQL (Program.cs, the readiness check).</summary>
    public const string MartenConnection = "ConnectionStrings:Marten";

    /// <summary>
    /// Other databases institutions are placed on: <c>Tenancy:Databases:{name}:ConnectionString</c> and
    /// <c>Tenancy:Databases:{name}:Tenants</c> (a section, one entry per database; <see cref="InstitutionDatabases"/>).
    /// </summary>
    public const string TenancyDatabases = InstitutionDatabases.Section;

    public const string AuthSigningKey = AuthSettings.Section + ":" + nameof(AuthSettings.SigningKey);
    public const string AuthAuthority = AuthSettings.Section + ":" + nameof(AuthSettings.Authority);
    public const string AuthIssuer = AuthSettings.Section + ":" + nameof(AuthSettings.Issuer);
    public const string AuthAudience = AuthSettings.Section + ":" + nameof(AuthSettings.Audience);

    /// <summary>Read by the host: Development and Testing generate code at run time, other environments load it pre-generated.</summary>
    public const string Environment = "ASPNETCORE_ENVIRONMENT";

    /// <summary>Read by Kestrel: the listening addresses (<c>--urls</c> on the command line).</summary>
    public const string Urls = "ASPNETCORE_URLS";

    /// <summary>Read by Kestrel: the HTTP ports on all addresses (the container image sets 8080).</summary>
    public const string HttpPorts = "ASPNETCORE_HTTP_PORTS";

    /// <summary><c>json</c> for one JSON object per log line, with scopes (see <see cref="TelemetrySetup"/>).</summary>
    public const string ConsoleFormatter = "Logging:Console:FormatterName";

    public const string ConsoleFormatterOptions = "Logging:Console:FormatterOptions";

    /// <summary>When set, traces, metrics and logs are exported there over OTLP; otherwise nothing leaves the process.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Read by the OTLP exporter: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public const string OtlpProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Read by the OpenTelemetry SDK's resource detector.</summary>
    public const string OtelServiceName = "OTEL_SERVICE_NAME";

    /// <summary>Read by the OpenTelemetry SDK's resource detector, e.g. <c>deployment.environment.name=staging</c>.</summary>
    public const string OtelResourceAttributes = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>An alert unresolved this long is escalated (<see cref="AlertSettings"/>).</summary>
    public const string AlertsEscalateAfter = AlertSettings.Section + ":" + nameof(AlertSettings.EscalateAfter);

    /// <summary>How long before an MOU ends <c>mou_expiring</c> goes out (<see cref="MouSettings"/>).</summary>
    public const string MouRemindBefore = MouSettings.Section + ":" + nameof(MouSettings.RemindBefore);

    /// <summary>How long an MOU entered with its reminder or end already past waits before automation acts (<see cref="MouSettings"/>).</summary>
    public const string MouGraceAfterEntry = MouSettings.Section + ":" + nameof(MouSettings.GraceAfterEntry);

    /// <summary>The institutions' default time zone, an IANA id (<see cref="InstitutionSettings"/>).</summary>
    public const string InstitutionsTimeZone = InstitutionSettings.DefaultTimeZoneKey;

    /// <summary>One institution's time zone: <c>Institutions:TimeZones:{tenantId}</c> (a section, one key per tenant).</summary>
    public const string InstitutionsTimeZones = InstitutionSettings.TimeZonesSection;

    /// <summary>An MOU's longest term in years (<see cref="DateLimits"/>).</summary>
    public const string DatesMouMaxTermYears = DateLimits.Section + ":" + nameof(DateLimits.MouMaxTermYears);

    /// <summary>A pilot's longest length in days (<see cref="DateLimits"/>).</summary>
    public const string DatesPilotMaxDays = DateLimits.Section + ":" + nameof(DateLimits.PilotMaxDays);

    /// <summary>How far ahead a follow-up may fall due, in days (<see cref="DateLimits"/>).</summary>
    public const string DatesFollowUpMaxDaysAhead = DateLimits.Section + ":" + nameof(DateLimits.FollowUpMaxDaysAhead);

    /// <summary>The waits between webhook tries, an array (<c>Webhooks:RetryDelays:0</c>, ...).</summary>
    public const string WebhooksRetryDelays = WebhookSettings.Section + ":" + nameof(WebhookSettings.RetryDelays);

    public const string WebhooksTimeout = WebhookSettings.Section + ":" + nameof(WebhookSettings.Timeout);

    /// <summary>How often nodes check each other's health, and when a silent one is taken for gone (<see cref="NodeSettings"/>).</summary>
    public const string NodesHealthCheckEvery = NodeSettings.Section + ":" + nameof(NodeSettings.HealthCheckEvery);

    public const string NodesStaleAfter = NodeSettings.Section + ":" + nameof(NodeSettings.StaleAfter);

    /// <summary>When <c>/health/ready</c> calls a projection that has not moved stalled (<see cref="ProjectionMonitorOptions"/>).</summary>
    public const string ProjectionsStallAfter = ProjectionMonitorOptions.Section + ":" + nameof(ProjectionMonitorOptions.StallAfter);

    /// <summary>How often the projection lag gauge is refreshed.</summary>
    public const string ProjectionsSampleEvery = ProjectionMonitorOptions.Section + ":" + nameof(ProjectionMonitorOptions.SampleEvery);

    /// <summary>Whether webhooks may reach loopback, private and link-local addresses (tests, a developer's machine).</summary>
    public const string WebhooksAllowPrivateNetworks = WebhookSettings.Section + ":" + nameof(WebhookSettings.AllowPrivateNetworks);

    /// <summary>How long a rotated webhook secret keeps signing beside the new one.</summary>
    public const string WebhooksSecretGracePeriod = WebhookSettings.Section + ":" + nameof(WebhookSettings.SecretGracePeriod);

    public const string RateLimitsEnabled = RateLimitSettings.Section + ":" + nameof(RateLimitSettings.Enabled);
    public const string RateLimitsCommandsPerMinute = RateLimitSettings.Section + ":" + nameof(RateLimitSettings.CommandsPerMinute);
    public const string RateLimitsAdminPerMinute = RateLimitSettings.Section + ":" + nameof(RateLimitSettings.AdminPerMinute);

    /// <summary>Browser origins allowed by CORS, an array (<c>Cors:AllowedOrigins:0</c>, ...); none by default.</summary>
    public const string CorsAllowedOrigins = CorsSetup.Section + ":AllowedOrigins";

    /// <summary>The web app's OIDC client (with <c>Auth:Authority</c>), where it sends commands, and its session length (<see cref="AppSettings"/>).</summary>
    public const string AppClientId = AppSettings.Section + ":" + nameof(AppSettings.ClientId);

    public const string AppClientSecret = AppSettings.Section + ":" + nameof(AppSettings.ClientSecret);
    public const string AppApiBaseAddress = AppSettings.Section + ":" + nameof(AppSettings.ApiBaseAddress);
    public const string AppSessionMinutes = AppSettings.Section + ":" + nameof(AppSettings.SessionMinutes);

    /// <summary>The engagement health scoring, one key per <see cref="HealthSettings"/> property.</summary>
    public static readonly IReadOnlyList<string> Health =
        [.. typeof(HealthSettings).GetProperties().Where(p => p.CanWrite).Select(p => $"{HealthSettings.Section}:{p.Name}")];

    public static readonly IReadOnlyList<string> All =
    [
        MartenConnection, TenancyDatabases, AuthSigningKey, AuthAuthority, AuthIssuer, AuthAudience, Environment, Urls, HttpPorts,
        ConsoleFormatter, OtlpEndpoint, OtlpProtocol, OtelServiceName, OtelResourceAttributes,
        AlertsEscalateAfter, MouRemindBefore, MouGraceAfterEntry, InstitutionsTimeZone, InstitutionsTimeZones,
        DatesMouMaxTermYears, DatesPilotMaxDays, DatesFollowUpMaxDaysAhead, WebhooksRetryDelays, WebhooksTimeout,
        WebhooksAllowPrivateNetworks, WebhooksSecretGracePeriod, RateLimitsEnabled, RateLimitsCommandsPerMinute, RateLimitsAdminPerMinute,
        CorsAllowedOrigins, AppClientId, AppClientSecret, AppApiBaseAddress, AppSessionMinutes, NodesHealthCheckEvery, NodesStaleAfter, ProjectionsStallAfter, ProjectionsSampleEvery, .. Health,
    ];

    /// <summary>The top-level sections and keys of <see cref="All"/>: what <c>describe</c> shows outside Development.</summary>
    public static IReadOnlySet<string> Sections => All.Select(k => k.Split(':')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
