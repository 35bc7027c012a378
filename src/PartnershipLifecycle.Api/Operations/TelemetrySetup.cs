using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PartnershipLifecycle.Platform.Commands;
using PartnershipLifecycle.Platform.Telemetry;

namespace PartnershipLifecycle.Api.Operations;

/// <summary>
/// Traces, metrics and logs. One command is one trace: the HTTP request (ASP.NET Core), its Wolverine
/// handler, Marten's connection and each SQL statement (Npgsql); queries add a span of their own. Metrics:
/// ASP.NET Core, the .NET runtime, Wolverine, Marten, Npgsql and <see cref="PartnershipMetrics"/>. Nothing
/// leaves the process unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; then all three signals go there over
/// OTLP, configured by the standard <c>OTEL_*</c> variables.
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddPartnershipTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddPartnershipMetrics();
        var version = typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        var telemetry = builder.Services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, read last, win over the defaults here.
            .ConfigureResource(resource => resource
                .AddService(PartnershipTelemetry.ServiceName, serviceVersion: version)
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes every few seconds would drown the traces that matter.
                    options.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                    options.RecordException = true;
                })
                .AddSource("Wolverine")
                .AddSource("Marten")
                .AddNpgsql()
                .AddSource(PartnershipTelemetry.Queries.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Wolverine*") // Wolverine's meter is "Wolverine:<service name>"
                .AddMeter("Marten")
                .AddNpgsqlInstrumentation()
                .AddMeter(PartnershipTelemetry.MeterName));

        if (!string.IsNullOrWhiteSpace(builder.Configuration[ConfigurationKeys.OtlpEndpoint]))
        {
            // Traces, metrics and logs; OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, _TIMEOUT and the per-signal
            // variables are read by the exporter itself.
            telemetry.UseOtlpExporter();
            builder.Services.Configure<OpenTelemetryLoggerOptions>(options =>
            {
                options.IncludeScopes = true; // tenant, correlation id, partner id of commands
                options.IncludeFormattedMessage = true;
            });
        }

        // Logging__Console__FormatterName=json: one JSON object per line, with the scopes (the command's tenant,
        // correlation id and partner id; the request's trace id) unless the configuration says otherwise.
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            var formatter = builder.Configuration.GetSection(ConfigurationKeys.ConsoleFormatterOptions);
            options.IncludeScopes = formatter.GetValue(nameof(options.IncludeScopes), true);
            options.UseUtcTimestamp = formatter.GetValue(nameof(options.UseUtcTimestamp), true);
            options.TimestampFormat ??= "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });

        return builder;
    }

    /// <summary>Counts every command request that passed authorization, whoever answers it.</summary>
    public static IApplicationBuilder UseCommandMetrics(this IApplicationBuilder app) => app.UseMiddleware<CommandMetrics>();
}

/// <summary>
/// Records <c>partnership.commands.handled</c> for each command request by its answer: a command refused by
/// its body check (<c>RequestBodyGuard</c>), by its <c>Validate()</c> or by its decision counts as much as an
/// accepted one, so the outcome is read from the status code after the whole pipeline has answered.
/// </summary>
public sealed class CommandMetrics(RequestDelegate next, PartnershipMetrics metrics)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var commandType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (commandType is null || !commandType.IsAssignableTo(typeof(PartnerCommand)))
        {
            await next(http);
            return;
        }

        try
        {
            await next(http);
        }
        catch
        {
            metrics.CommandHandled(commandType.Name, CommandOutcomes.Error);
            throw;
        }

        metrics.CommandHandled(commandType.Name, CommandOutcomes.ForStatus(http.Response.StatusCode));
    }
}
